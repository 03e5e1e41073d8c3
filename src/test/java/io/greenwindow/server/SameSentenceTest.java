package io.greenwindow.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.job.JobEvent;
import io.greenwindow.reason.ReasonCode;
import io.greenwindow.reason.Wording;
import io.greenwindow.service.NodeLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI, the API and the dashboard say the same sentence for the same event: each job's reason, each step of its
 * history and its plan come from one Wording, over a real server, the CLI's own command and the job's page.
 */
class SameSentenceTest {

    private static final Path EXAMPLES = Path.of("training-configs").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private final SettableClock clock = new SettableClock();

    @Test
    void job_cancelledAfterALateStart_readsTheSameInCliApiAndDashboard() throws Exception {
        clock.set(Instant.parse("2026-03-02T06:00:00Z"));
        String iris = Files.readString(EXAMPLES.resolve("iris-classifier.yaml")).replace("deadline: PT8H",
                "deadline: '2026-03-02T06:10:00Z'");
        ServerConfig config = new ServerConfig(0, data, null, "", "", false, "test-node", "DE", null,
                NodeLimits.defaults(), null, Duration.ofHours(1), Duration.ofMinutes(2));
        try (Greenwindow service = Greenwindow.start(config, clock)) {
            String base = "http://localhost:" + service.port();
            HttpClient http = HttpClient.newHttpClient();
            String token = Files.readString(data.resolve("admin-token")).trim();
            HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(URI.create(base + "/api/jobs"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("yaml", iris,
                            "source", "late.yaml", "specDir", EXAMPLES.toString(), "allowLate", true)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
            String id = JSON.readTree(submitted.body()).path("id").asText();
            // Cancelled at once: a final state, so the three readers below see the same history.
            service.jobs().cancel(id);

            JsonNode api = JSON.readTree(get(http, base + "/api/jobs/" + id, token).body());
            GreenwindowEndToEndTest.CliRun cli = GreenwindowEndToEndTest.cli("job", id, "--server", base,
                    "--token", token);
            assertThat(cli.code()).as(cli.err()).isZero();
            HttpResponse<String> page = get(http, base + "/jobs/" + id, token);
            assertThat(page.statusCode()).isEqualTo(200);

            // The sentence of each: the stored reason worded by the one Wording.
            List<JobEvent> events = service.jobs().events(id);
            assertThat(events).extracting(e -> e.why().code()).contains(ReasonCode.SUBMITTED,
                    ReasonCode.STARTING_NOW, ReasonCode.CANCELLED);
            String state = Wording.render(service.jobs().get(id).why());
            assertThat(api.path("reason").asText()).isEqualTo(state);
            assertThat(api.path("why").path("code").asText()).isEqualTo("CANCELLED");
            assertThat(cli.out()).contains("state     CANCELLED: " + state);
            assertThat(page.body()).contains(escape(state));
            for (int i = 0; i < events.size(); i++) {
                String sentence = Wording.render(events.get(i).why());
                assertThat(api.path("events").get(i).path("reason").asText()).isEqualTo(sentence);
                assertThat(cli.out()).contains(String.format("%-9s %s", events.get(i).to(), sentence));
                assertThat(page.body()).contains(escape(sentence));
            }
            String plan = Wording.render(service.jobs().plan(id).orElseThrow().why());
            assertThat(plan).startsWith("run now: deadline 06:10 UTC will be missed");
            assertThat(api.path("plan").path("reason").asText()).isEqualTo(plan);
            assertThat(api.path("plan").path("why").path("code").asText()).isEqualTo("DEADLINE_WILL_BE_MISSED");
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** As the pages escape text (web/Html.escape): the sentences here hold no quote or bracket, only these. */
    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
