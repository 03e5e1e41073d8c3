package io.greenwindow.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.access.AdminTokenFile;
import io.greenwindow.server.SettableClock;
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

/**
 * GET /metrics of a running service, scraped over HTTP as Prometheus would, with a metrics reader's token and an
 * admin's, after one job has run to completion (real DL4J training, its ledger entry written) and one is held.
 */
class MetricsScrapeTest {

    @TempDir
    static Path data;

    static Greenwindow service;
    static ApiCaller admin;
    static ApiCaller anonymous;
    static ApiCaller scraper;
    static String jobState;
    static String heldId;
    static String doneId;

    @BeforeAll
    static void start() throws Exception {
        SettableClock clock = new SettableClock(); // runs on at real speed: training takes real seconds
        clock.set(java.time.Instant.parse("2026-03-02T06:00:00Z"));
        ServerConfig config = new ServerConfig(0, data, null, "", "", false, "test-node", "DE", null,
                NodeLimits.defaults(), null, Duration.ofHours(1), Duration.ofMinutes(2));
        service = Greenwindow.start(config, clock, AccessConfig.DEFAULTS.withRate(100_000, 100_000));
        admin = new ApiCaller(service.port(), AdminTokenFile.read(data.resolve("admin-token")));
        anonymous = new ApiCaller(service.port(), null);
        scraper = new ApiCaller(service.port(), admin.createToken("prometheus", "metrics"));
        HttpResponse<String> job = admin.postJson("/api/jobs", Map.of("yaml", RoleMatrixTest.visionYaml(),
                "source", "iris-classifier.yaml", "specDir", RoleMatrixTest.EXAMPLES.toString(), "deadline", "PT48H"));
        assertThat(job.statusCode()).as(job.body()).isEqualTo(201);
        heldId = ApiCaller.json(job).path("id").asText();
        jobState = ApiCaller.json(admin.send("GET", "/api/jobs/" + heldId, null, null)).path("state").asText();
        doneId = FinishedJob.run(admin);
    }

    static com.fasterxml.jackson.databind.JsonNode jobEntry() throws Exception {
        return FinishedJob.entry(admin, doneId);
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
        // Two jobs were submitted: the held one in its state (as /api/jobs/{id} said), the urgent one completed.
        Matcher m = Pattern.compile("greenwindow_jobs\\{state=\"([A-Z_]+)\",zone=\"([^\"]+)\"} ([0-9.]+)").matcher(text);
        Map<String, Double> byState = new java.util.TreeMap<>();
        while (m.find()) {
            byState.merge(m.group(1), Double.parseDouble(m.group(3)), Double::sum);
        }
        Map<String, Double> expected = new java.util.TreeMap<>(Map.of("COMPLETED", 1.0));
        expected.merge(jobState, 1.0, Double::sum);
        assertThat(byState).isEqualTo(expected);
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
    void ledgerMeters_equalTheFinishedJobsEntry_summedByHand() throws Exception {
        var entry = jobEntry().path("content");
        String text = scraper.send("GET", "/metrics", null, null).body();

        // One finished job, so the ledger's totals are its entry's own figures: the inventory, the avoided carbon
        // (realised saving) and its IT kWh per method, each summed here from the entry's components.
        var carbon = entry.path("carbon");
        assertThat(value(text, "greenwindow_ledger_emitted_grams", ""))
                .isCloseTo(carbon.path("inventoryG").asDouble(0), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(value(text, "greenwindow_ledger_avoided_grams", ""))
                .isCloseTo(carbon.path("avoidedG").asDouble(0), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(value(text, "greenwindow_ledger_pending_entries", ""))
                .isEqualTo(carbon.path("inventoryG").isNumber() && carbon.path("avoidedG").isNumber() ? 0.0 : 1.0);
        Map<String, Double> byMethod = new java.util.HashMap<>(Map.of("measured_nvml", 0.0, "measured_rapl", 0.0,
                "estimated_model", 0.0));
        for (var c : entry.path("energy").path("components")) {
            byMethod.merge(c.path("method").asText().toLowerCase(java.util.Locale.ROOT), c.path("itKwh").asDouble(),
                    Double::sum);
        }
        assertThat(byMethod.get("estimated_model")).as("a CPU machine without RAPL estimates").isPositive();
        for (var m : byMethod.entrySet()) {
            String measured = m.getKey().startsWith("measured") ? "true" : "false";
            assertThat(value(text, "greenwindow_training_energy_kwh", "measured=\"" + measured + "\",method=\""
                    + m.getKey() + "\"")).as(m.getKey()).isCloseTo(m.getValue(), org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void heldSavingCapacityAndPlanning_areMetered() throws Exception {
        var held = ApiCaller.json(admin.send("GET", "/api/jobs/" + heldId, null, null));
        String text = scraper.send("GET", "/metrics", null, null).body();
        String zone = held.path("plan").path("zone").asText();

        // One held job in its zone: the duration-weighted mean of one saving is that saving.
        assertThat(value(text, "greenwindow_held_jobs", "zone=\"" + zone + "\"")).isEqualTo(1.0);
        assertThat(value(text, "greenwindow_held_expected_saving_ratio", "zone=\"" + zone + "\""))
                .isCloseTo(held.path("plan").path("expectedSaving").asDouble(), org.assertj.core.data.Offset.offset(1e-12));
        // This node offers its configured slots and no GPU; the finished job holds nothing any more.
        assertThat(value(text, "greenwindow_capacity_slots", "zone=\"DE\""))
                .isEqualTo((double) NodeLimits.defaults().capacity());
        assertThat(value(text, "greenwindow_capacity_slots_used", "zone=\"DE\"")).isEqualTo(0.0);
        assertThat(value(text, "greenwindow_capacity_gpus_used", "zone=\"DE\"")).isEqualTo(0.0);
        // Two submissions were planned.
        assertThat(value(text, "greenwindow_planning_seconds_count", "operation=\"plan\"")).isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void aMetricsToken_scrapes_butReadsNothingElse() {
        assertThat(scraper.send("GET", "/metrics", null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> jobs = scraper.send("GET", "/api/jobs", null, null);
        assertThat(jobs.statusCode()).isEqualTo(403);
        assertThat(jobs.body()).contains("is metrics");
        assertThat(scraper.send("GET", "/api/ledger", null, null).statusCode()).isEqualTo(403);
    }

    /** The value of the one sample of {@code name} whose labels are exactly {@code labels} (as Prometheus prints them). */
    private static double value(String text, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + name + (labels.isEmpty() ? "" : "\\{" + labels + "}") + " (\\S+)$")
                .matcher(text);
        assertThat(m.find()).as(name + "{" + labels + "} in the scrape").isTrue();
        return Double.parseDouble(m.group(1));
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
