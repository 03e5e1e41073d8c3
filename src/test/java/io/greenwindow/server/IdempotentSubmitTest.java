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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submissions with an Idempotency-Key on the real service (H2 file, real HTTP): a retry with the same key and
 * request gets the same job and no second one is stored; and the CLI, whose first attempt gets no answer, sends
 * the same key again and reports the job instead of a failure.
 */
class IdempotentSubmitTest {

    static final Path EXAMPLES = Path.of("training-configs").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private final SettableClock clock = new SettableClock();
    private final HttpClient http = HttpClient.newHttpClient();

    private ServerConfig config() {
        return new ServerConfig(0, data, null, "", "", false, "test-node", "DE", null, NodeLimits.defaults(), null,
                Duration.ofHours(1), Duration.ofMinutes(2));
    }

    private String body() throws Exception {
        return JSON.createObjectNode().put("yaml", Files.readString(EXAMPLES.resolve("iris-classifier.yaml")))
                .put("source", "iris-classifier.yaml").put("specDir", EXAMPLES.toString()).put("deadline", "PT48H")
                .toString();
    }

    private HttpResponse<String> submit(int port, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/jobs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + Files.readString(data.resolve("admin-token")).trim());
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sameKeyAndRequest_returnsTheSameJob_andStoresOnlyOne() throws Exception {
        clock.set(Instant.parse("2026-03-02T06:00:00Z"));
        try (Greenwindow service = Greenwindow.start(config(), clock)) {
            String body = body();
            HttpResponse<String> first = submit(service.port(), "key-1", body);
            HttpResponse<String> retry = submit(service.port(), "key-1", body);

            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
            String id = JSON.readTree(first.body()).path("id").asText();
            assertThat(JSON.readTree(retry.body()).path("id").asText()).isEqualTo(id);
            assertThat(service.jobs().list(100)).hasSize(1);

            HttpResponse<String> other = submit(service.port(), "key-2", body);
            assertThat(other.statusCode()).isEqualTo(201);
            assertThat(JSON.readTree(other.body()).path("id").asText()).isNotEqualTo(id);
            assertThat(service.jobs().list(100)).hasSize(2);
        }
    }

    @Test
    void sameKeyConcurrently_storesExactlyOneJob() throws Exception {
        clock.set(Instant.parse("2026-03-02T06:00:00Z"));
        try (Greenwindow service = Greenwindow.start(config(), clock)) {
            String body = body();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    answers.add(pool.submit((Callable<HttpResponse<String>>) () -> submit(service.port(), "same", body)));
                }
                List<String> ids = new ArrayList<>();
                for (Future<HttpResponse<String>> f : answers) {
                    HttpResponse<String> r = f.get();
                    // Each either got the job or was told the first is still being stored (409, retry).
                    assertThat(r.statusCode()).as(r.body()).isIn(200, 201, 409);
                    if (r.statusCode() != 409) {
                        ids.add(JSON.readTree(r.body()).path("id").asText());
                    }
                }
                assertThat(ids).isNotEmpty().allMatch(ids.get(0)::equals);
            } finally {
                pool.shutdownNow();
            }
            assertThat(service.jobs().list(100)).hasSize(1);
        }
    }

    @Test
    void sameKeyDifferentRequest_is422_andRefusedSpecFreesTheKey() throws Exception {
        clock.set(Instant.parse("2026-03-02T06:00:00Z"));
        try (Greenwindow service = Greenwindow.start(config(), clock)) {
            assertThat(submit(service.port(), "k", body()).statusCode()).isEqualTo(201);
            HttpResponse<String> reused = submit(service.port(), "k", body().replace("PT48H", "PT47H"));
            assertThat(reused.statusCode()).isEqualTo(422);
            assertThat(JSON.readTree(reused.body()).path("error").asText()).contains("was used for a different submission");

            String bad = JSON.createObjectNode().put("yaml", "name: x\n").toString();
            assertThat(submit(service.port(), "k2", bad).statusCode()).isEqualTo(400);
            // Nothing was stored under k2: a corrected request with the same key is a new submission.
            assertThat(submit(service.port(), "k2", body()).statusCode()).isEqualTo(201);
            assertThat(submit(service.port(), "bad key", body()).statusCode()).isEqualTo(400);
            assertThat(service.jobs().list(100)).hasSize(2);
        }
    }

    @Test
    void cli_firstAttemptGetsNoAnswer_retriesWithTheSameKey_andReportsTheJob() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            // The first attempt reaches the service, which stores the job but never answers in time.
            server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
            server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .body("{\"id\":\"abc123\",\"name\":\"iris-classifier\",\"state\":\"HELD\",\"reason\":\"held\"}")
                    .build());
            server.start();

            GreenwindowEndToEndTest.CliRun run = GreenwindowEndToEndTest.cli("submit",
                    EXAMPLES.resolve("iris-classifier.yaml").toString(), "--server", server.url("/").toString(),
                    "--timeout", "PT2S");

            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.out()).contains("job abc123 (iris-classifier) HELD");
            RecordedRequest first = server.takeRequest();
            RecordedRequest second = server.takeRequest();
            String key = first.getHeaders().get("Idempotency-Key");
            assertThat(key).isNotBlank();
            assertThat(second.getHeaders().get("Idempotency-Key")).isEqualTo(key);
            assertThat(second.getBody().utf8()).isEqualTo(first.getBody().utf8());
        }
    }
}
