package io.greenwindow.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the whole service while a job trains: the training JVM notices its parent is gone, checkpoints and
 * exits; the restarted service accounts the cut segment from its energy log and resumes the job from its last
 * checkpoint to completion.
 */
class ServiceCrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void killMinus9OfService_jobResumesFromCheckpointAfterRestart() throws Exception {
        int port = freePort();
        String url = "http://localhost:" + port;
        Process first = startService(port);
        try {
            awaitHealthy(url);
            Path examples = Path.of("training-configs").toAbsolutePath();
            String yaml = Files.readString(examples.resolve("char-lstm.yaml"))
                    .replace("checkpointEvery: PT30S", "checkpointEvery: PT1S");
            String body = JSON.createObjectNode().put("yaml", yaml).put("source", "char-lstm.yaml")
                    .put("specDir", examples.toString()).put("deadline", "PT15M").toString();
            String id = JSON.readTree(post(url + "/api/jobs", body)).path("id").asText();

            Path checkpoint = data.resolve("jobs").resolve(id).resolve("checkpoints").resolve("checkpoint.zip");
            awaitTrue(() -> Files.exists(checkpoint), Duration.ofSeconds(120), "a first checkpoint");
            List<ProcessHandle> trainers = first.toHandle().descendants().toList();
            assertThat(trainers).as("the training JVM").isNotEmpty();

            first.destroyForcibly().waitFor();
            for (ProcessHandle trainer : trainers) {
                trainer.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            }

            Process second = startService(port);
            try {
                awaitHealthy(url);
                JsonNode job = awaitJob(url, id, j -> List.of("COMPLETED", "FAILED").contains(j.path("state").asText()),
                        Duration.ofSeconds(180));
                assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("COMPLETED");
                assertThat(job.path("segmentsRun").asInt()).isGreaterThanOrEqualTo(2);
                assertThat(job.path("events").toString()).contains("after a service restart, from its last checkpoint");
                String ledger = get(url + "/api/ledger?format=json");
                assertThat(ledger).contains(id);
            } finally {
                second.destroyForcibly().waitFor();
            }
        } finally {
            first.destroyForcibly().waitFor();
        }
    }

    private Process startService(int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "io.greenwindow.cli.Main", "serve", "--port", Integer.toString(port), "--data", data.toString());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectErrorStream(true);
        pb.redirectOutput(data.resolve("service-" + System.nanoTime() + ".log").toFile());
        return pb.start();
    }

    private void awaitHealthy(String url) throws Exception {
        awaitTrue(() -> {
            try {
                return get(url + "/api/health").contains("ok");
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(90), "the service to answer");
    }

    private JsonNode awaitJob(String url, String id, Predicate<JsonNode> done, Duration timeout) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        JsonNode job = JSON.readTree(get(url + "/api/jobs/" + id));
        while (!done.test(job) && System.nanoTime() < until) {
            Thread.sleep(500);
            job = JSON.readTree(get(url + "/api/jobs/" + id));
        }
        return job;
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String post(String url, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return r.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
