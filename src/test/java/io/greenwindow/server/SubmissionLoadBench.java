package io.greenwindow.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.service.NodeLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Submission load on the embedded default (H2 file, replay adapters): {@code CLIENTS} clients each POST
 * {@code PER_CLIENT} jobs (iris, deadline P2D, each with its own Idempotency-Key) over real HTTP, after a warm-up;
 * prints submissions per second and the latency percentiles. Not a test. Run (the classpath as Maven's compiler
 * sees it, e.g. from {@code mvn -X test-compile}):
 * <pre>
 * java -cp target/test-classes:target/classes:$CLASSPATH io.greenwindow.server.SubmissionLoadBench [clients] [perClient]
 * </pre>
 */
public final class SubmissionLoadBench {

    private SubmissionLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int perClient = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path data = Files.createTempDirectory("gw-bench");
        Path examples = Path.of("training-configs").toAbsolutePath();
        String yaml = Files.readString(examples.resolve("iris-classifier.yaml"));
        ObjectMapper json = new ObjectMapper();
        String body = json.createObjectNode().put("yaml", yaml).put("source", "iris-classifier.yaml")
                .put("specDir", examples.toString()).put("deadline", "P2D").toString();
        ServerConfig config = new ServerConfig(0, data, null, "", "", false, "bench", "DE", null, NodeLimits.defaults(),
                null, Duration.ofHours(1), Duration.ofMinutes(2));
        // The service's clock runs a year ahead, so that Quartz (which fires on real time) fires none of the
        // releases during the run: the bench measures submission, not training jobs competing for the CPU.
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofDays(365));
        try (Greenwindow service = Greenwindow.start(config, ahead)) {
            URI uri = URI.create("http://localhost:" + service.port() + "/api/jobs");
            HttpClient http = HttpClient.newHttpClient();
            run(http, uri, body, clients, 20); // warm-up: JIT, pools, H2 caches
            long start = System.nanoTime();
            List<Long> latencies = run(http, uri, body, clients, perClient);
            double seconds = (System.nanoTime() - start) / 1e9;
            Collections.sort(latencies);
            System.out.printf(Locale.ROOT, "%d clients x %d submissions: %.0f submissions/s, p50 %.1f ms, p99 %.1f ms,"
                    + " max %.1f ms%n", clients, perClient, latencies.size() / seconds, pct(latencies, 0.50),
                    pct(latencies, 0.99), latencies.get(latencies.size() - 1) / 1e6);
        }
    }

    private static List<Long> run(HttpClient http, URI uri, String body, int clients, int perClient) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < perClient; i++) {
                        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        mine.add(System.nanoTime() - t0);
                        if (r.statusCode() != 201) {
                            throw new IllegalStateException("submit answered " + r.statusCode() + ": " + r.body());
                        }
                    }
                    return mine;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : futures) {
                all.addAll(f.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static double pct(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }
}
