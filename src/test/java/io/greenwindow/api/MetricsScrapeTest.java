package io.greenwindow.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.access.AdminTokenFile;
import io.greenwindow.grid.SettableClock;
import io.greenwindow.server.Greenwindow;
import io.greenwindow.server.ServerConfig;
import io.greenwindow.service.NodeLimits;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /metrics of a running service, scraped over HTTP as Prometheus would, with an admin token. */
class MetricsScrapeTest {

    @TempDir
    static Path data;

    static Greenwindow service;
    static ApiCaller admin;
    static ApiCaller anonymous;
    static String jobState;

    @BeforeAll
    static void start() throws Exception {
        SettableClock clock = SettableClock.at("2026-03-02T06:00:00Z");
        ServerConfig config = new ServerConfig(0, data, null, "", "", false, "test-node", "DE", null,
                NodeLimits.defaults(), null, Duration.ofHours(1), Duration.ofMinutes(2));
        service = Greenwindow.start(config, clock, AccessConfig.DEFAULTS.withRate(100_000, 100_000));
        admin = new ApiCaller(service.port(), AdminTokenFile.read(data.resolve("admin-token")));
        anonymous = new ApiCaller(service.port(), null);
        HttpResponse<String> job = admin.postJson("/api/jobs", Map.of("yaml", RoleMatrixTest.visionYaml(),
                "source", "iris-classifier.yaml", "specDir", RoleMatrixTest.EXAMPLES.toString(), "deadline", "PT48H"));
        assertThat(job.statusCode()).as(job.body()).isEqualTo(201);
        String id = ApiCaller.json(job).path("id").asText();
        jobState = ApiCaller.json(admin.send("GET", "/api/jobs/" + id, null, null)).path("state").asText();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void scrape_isPrometheusText_withJvmHttpAndJobMeters() {
        admin.send("GET", "/api/jobs", null, null);
        HttpResponse<String> r = admin.send("GET", "/metrics", null, null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String text = r.body();
        assertThat(text).contains("# TYPE jvm_memory_used_bytes gauge").contains("jvm_threads_live_threads")
                .contains("process_uptime_seconds");
        // The request above, by its route template.
        assertThat(text).containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*status=\"200\"[^}]*"
                + "uri=\"/api/jobs\"[^}]*} [1-9]");
        // One job was submitted: its state (as /api/jobs/{id} said) has it, with no zone before it runs.
        Matcher m = Pattern.compile("greenwindow_jobs\\{state=\"([A-Z_]+)\",zone=\"([^\"]+)\"} ([0-9.]+)").matcher(text);
        double total = 0;
        String state = null;
        while (m.find()) {
            total += Double.parseDouble(m.group(3));
            state = m.group(1);
        }
        assertThat(total).isEqualTo(1.0);
        assertThat(state).isEqualTo(jobState);
    }

    @Test
    void adapters_areMetered_asTheAdaptersRouteReportsThem() throws Exception {
        String text = admin.send("GET", "/metrics", null, null).body();
        for (var a : ApiCaller.json(admin.send("GET", "/api/adapters", null, null))) {
            String name = a.path("name").asText();
            String up = a.path("health").asText().equals("UP") ? "1.0" : "0.0";
            assertThat(text).contains("greenwindow_adapter_up{adapter=\"" + name + "\"} " + up);
            assertThat(text).contains("greenwindow_adapter_circuit_open{adapter=\"" + name + "\"} "
                    + (a.path("circuit").asText().equals("OPEN") ? "1.0" : "0.0"));
        }
        assertThat(text).contains("greenwindow_adapter_up{adapter=\"replay\"} 1.0");
    }

    @Test
    void grafanaDashboard_usesOnlyMetricsTheServiceExposes() throws Exception {
        String text = admin.send("GET", "/metrics", null, null).body();
        var dashboard = ApiCaller.JSON.readTree(java.nio.file.Files.readString(Path.of("docs/grafana-dashboard.json")));
        Pattern metric = Pattern.compile("\\b((?:greenwindow|http_server|jvm|process)_[a-z_]+)");
        int checked = 0;
        for (var panel : dashboard.path("panels")) {
            for (var target : panel.path("targets")) {
                Matcher m = metric.matcher(target.path("expr").asText());
                while (m.find()) {
                    assertThat(text).as(panel.path("title").asText()).containsPattern("(?m)^" + m.group(1) + "[{ ]");
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
    }

    @Test
    void scrape_withoutAToken_is401() {
        HttpResponse<String> r = anonymous.send("GET", "/metrics", null, null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).doesNotContain("jvm_");
    }

    @Test
    void aJobsId_neverBecomesALabel() {
        admin.send("GET", "/api/jobs/no-such-job", null, null);
        String text = admin.send("GET", "/metrics", null, null).body();
        assertThat(text).doesNotContain("no-such-job").contains("uri=\"/api/jobs/{id}\"");
    }
}
