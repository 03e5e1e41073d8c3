package io.greenwindow.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.service.NodeLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 over real HTTP: a deadline before the estimated end is refused naming schedule.deadline and both times,
 * accepted with allowLate and then said to be missed; a run-now job is never HELD with "run now" as its reason.
 */
class LateDeadlineTest {

    private static final Path EXAMPLES = Path.of("training-configs").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private final SettableClock clock = new SettableClock();

    @Test
    void submit_deadlineBeforeTheEstimatedEnd_refusedUnlessAllowLate_thenSaidToBeMissed() throws Exception {
        clock.set(Instant.parse("2026-03-02T06:00:00Z"));
        // iris-classifier estimates PT20M; a deadline of 06:10 is before its end 06:20 when started at 06:00 (the
        // test's clock runs on at real speed from 06:00, so the end is 06:20 and some seconds).
        String iris = Files.readString(EXAMPLES.resolve("iris-classifier.yaml")).replace("deadline: PT8H",
                "deadline: '2026-03-02T06:10:00Z'");
        ServerConfig config = new ServerConfig(0, data, null, "", "", false, "test-node", "DE", null,
                NodeLimits.defaults(), null, Duration.ofHours(1), Duration.ofMinutes(2));
        try (Greenwindow service = Greenwindow.start(config, clock)) {
            String url = "http://localhost:" + service.port() + "/api/jobs";
            HttpClient http = HttpClient.newHttpClient();
            String token = Files.readString(data.resolve("admin-token")).trim();

            clock.set(Instant.parse("2026-03-02T06:00:00Z"));
            HttpResponse<String> refused = submit(http, url, token, iris, null);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("schedule.deadline: 2026-03-02 06:10:00 UTC is before the estimated end"
                    + " 2026-03-02 06:20:").contains("--allow-late");
            assertThat(service.jobs().list(10)).as("nothing stored").isEmpty();

            HttpResponse<String> badFlag = submit(http, url, token, iris, "yes");
            assertThat(badFlag.statusCode()).isEqualTo(400);
            assertThat(badFlag.body()).contains("allowLate: must be true or false");

            clock.set(Instant.parse("2026-03-02T06:00:00Z"));
            HttpResponse<String> accepted = submit(http, url, token, iris, true);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
            JsonNode job = JSON.readTree(accepted.body());
            assertThat(job.path("plan").path("decision").asText()).isEqualTo("RUN_NOW");
            assertThat(job.path("plan").path("reason").asText())
                    .contains("deadline 06:10 UTC will be missed: a 20m job started now ends at 06:20 UTC");
            boolean sawHeld = false;
            for (JsonNode e : job.path("events")) {
                if ("HELD".equals(e.path("to").asText())) {
                    sawHeld = true;
                    assertThat(e.path("reason").asText()).startsWith("starting now: ").doesNotContain("run now");
                }
            }
            assertThat(sawHeld).as("the HELD step is in the history").isTrue();
            service.jobs().cancel(job.path("id").asText());
        }
    }

    private static HttpResponse<String> submit(HttpClient http, String url, String token, String yaml, Object allowLate)
            throws Exception {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("yaml", yaml, "source", "late.yaml", "specDir",
                EXAMPLES.toString()));
        if (allowLate != null) {
            body.put("allowLate", allowLate);
        }
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
