package io.greenwindow.server;

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
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A greenwindow service in its own JVM (`greenwindow serve`), for tests that kill it or run several nodes, with the
 * few HTTP calls they need.
 */
final class ServiceProcess implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Process process;
    final String url;
    /** The admin token the service's first start wrote to its data folder. */
    String token;

    private ServiceProcess(Process process, int port) {
        this.process = process;
        this.url = "http://localhost:" + port;
    }

    /** Starts `serve` on a free port with {@code data} as its folder and {@code env} added, and waits until it answers. */
    static ServiceProcess start(Path data, Map<String, String> env) throws Exception {
        int port = freePort();
        Files.createDirectories(data);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "io.greenwindow.cli.Main", "serve", "--port", Integer.toString(port), "--data", data.toString());
        pb.environment().put("OMP_NUM_THREADS", "1");
        // These tests poll the API several times a second per job; the per-token rate limit is tested elsewhere.
        pb.environment().put("GREENWINDOW_RATE_PER_MINUTE", "1000000");
        pb.environment().put("GREENWINDOW_RATE_BURST", "100000");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(data.resolve("service-" + System.nanoTime() + ".log").toFile());
        ServiceProcess service = new ServiceProcess(pb.start(), port);
        try {
            // Minutes, not seconds: on a loaded 2-core machine a start that recovers many jobs is slow.
            awaitTrue(service::healthy, Duration.ofSeconds(300), "the service on port " + port + " to answer");
        } catch (AssertionError e) {
            service.kill(); // never leave a service behind that no test will stop
            throw e;
        }
        service.token = Files.readString(data.resolve("admin-token")).trim();
        return service;
    }

    /**
     * Prints the last lines of every service log in {@code data} (the test's output keeps them; the temporary folder
     * does not survive the run): a failure of a test that kills services is otherwise undiagnosable in CI.
     */
    static void printLogs(Path data, int lastLines) {
        try (java.util.stream.Stream<Path> logs = Files.list(data)) {
            for (Path log : logs.filter(f -> f.getFileName().toString().matches("service-\\d+\\.log")).sorted().toList()) {
                List<String> lines = Files.readAllLines(log);
                System.out.println("---- " + log.getFileName() + " (last " + lastLines + " of " + lines.size() + " lines)");
                lines.subList(Math.max(0, lines.size() - lastLines), lines.size()).forEach(System.out::println);
            }
        } catch (IOException e) {
            System.out.println("---- service logs in " + data + " not readable: " + e);
        }
    }

    private boolean healthy() {
        try {
            return process.isAlive() && get("/api/health").contains("ok");
        } catch (Exception e) {
            return false;
        }
    }

    /** Submits a spec from training-configs/, with {@code edit} applied to its text; returns the job id. */
    String submit(String example, java.util.function.UnaryOperator<String> edit, String deadline) throws Exception {
        Path examples = Path.of("training-configs").toAbsolutePath();
        String yaml = edit.apply(Files.readString(examples.resolve(example)));
        String body = JSON.createObjectNode().put("yaml", yaml).put("source", example)
                .put("specDir", examples.toString()).put("deadline", deadline)
                // These tests want jobs released at once; a deadline shorter than the estimate says so.
                .put("allowLate", true).toString();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/jobs"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new AssertionError("submit answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).path("id").asText();
    }

    /** PUTs {@code json} to {@code path} with the admin token; fails unless the service answers 200. */
    void put(String path, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("PUT " + path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    JsonNode job(String id) throws Exception {
        return JSON.readTree(get("/api/jobs/" + id));
    }

    JsonNode awaitJob(String id, Predicate<JsonNode> done, Duration timeout) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        JsonNode job = job(id);
        while (!done.test(job) && System.nanoTime() < until) {
            Thread.sleep(500);
            job = job(id);
        }
        return job;
    }

    /**
     * Waits until the ledger holds the job's JOB entry. A job's state turns COMPLETED before its JOB entry is
     * written (a ledger that refuses a write must not cost the job its state; the sweep writes a missing entry), so
     * a test that reads the ledger right after seeing COMPLETED races that write.
     */
    void awaitJobEntry(String id, Duration timeout) throws Exception {
        awaitTrue(() -> {
            try {
                for (JsonNode entry : JSON.readTree(get("/api/ledger?format=json"))) {
                    JsonNode content = entry.path("content");
                    if (id.equals(content.path("jobId").asText()) && "JOB".equals(content.path("kind").asText())) {
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                return false;
            }
        }, timeout, "the JOB ledger entry of job " + id);
    }

    static boolean finished(JsonNode job) {
        return List.of("COMPLETED", "FAILED", "CANCELLED").contains(job.path("state").asText());
    }

    String get(String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    static void awaitTrue(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
