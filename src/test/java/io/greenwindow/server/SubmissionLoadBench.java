package io.greenwindow.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.access.AdminTokenFile;
import io.greenwindow.api.AccessConfig;
import io.greenwindow.db.Database;
import io.greenwindow.node.JdbcNodeRegistry;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Submission load on the embedded default (H2 file, replay adapters), through the whole submission path: {@code
 * clients} HTTP clients, each with an engineer's bearer token of team {@code research}, each POST
 * {@code perClient} iris jobs (deadline P2D, each with its own Idempotency-Key) to a freshly started service after a
 * warm-up of {@value #WARM_UP} each; every job is validated, planned under the planning lock against the live
 * capacity and stored with its plan and release in one transaction. Repeated {@code runs} times, each on a new data
 * folder, after {@link #WARM_UP_RUNS} runs that are not reported (they compile the code: the JIT compilers took a
 * third of the CPU of a first run, which a service that has been up a while no longer pays); prints each run and the medians, and with {@code --report FILE} writes them between the submission-load
 * markers of that file (docs/benchmarks.md), leaving the rest of it as it is. Not a test.
 *
 * <p>Set-up that differs from a fresh install, and why: the jobs' zone DE is offered by a 64-slot node that is not
 * this process (a row in the node table, as another node of a cluster would write), so that no release is taken
 * here and no training JVM competes with the service for the CPU during the run; this service's own node is in GB.
 * The per-token rate limit is raised (the default, 600 a minute, allows 10 submissions a second per token) and so is
 * the per-team cap on waiting jobs (200), since the bench's clients are one team that submits thousands of jobs.
 *
 * <p>Run from the repository root (classpath as Maven's test compiler sees it):
 * <pre>
 * mvn -q -o test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.greenwindow.server.SubmissionLoadBench -Dexec.args="8 100 5 --report docs/benchmarks.md"
 * </pre>
 * or {@code java -cp target/test-classes:target/classes:$CLASSPATH io.greenwindow.server.SubmissionLoadBench 8 100 5}.
 */
public final class SubmissionLoadBench {

    static final int WARM_UP = 20;
    /**
     * Whole runs made before the reported ones ({@code -Dbench.warmupRuns}, default 3): on these machines a
     * submission's CPU still fell by a fifth from the second run to the third while the JIT compiled.
     */
    static final int WARM_UP_RUNS = Integer.getInteger("bench.warmupRuns", 3);
    /** Job slots of the DE node that takes the releases: enough that every bench job fits before its deadline. */
    static final int CLUSTER_SLOTS = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SubmissionLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> plain = new ArrayList<>();
        Path report = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--report")) {
                report = Path.of(args[++i]);
            } else {
                plain.add(args[i]);
            }
        }
        int clients = plain.size() > 0 ? Integer.parseInt(plain.get(0)) : 8;
        int perClient = plain.size() > 1 ? Integer.parseInt(plain.get(1)) : 100;
        int runs = plain.size() > 2 ? Integer.parseInt(plain.get(2)) : 5;
        List<SubmissionLoadReport.Run> results = new ArrayList<>();
        for (int w = 1; w <= WARM_UP_RUNS; w++) {
            System.out.println("warm-up run " + w + " (not reported): " + runOnce(clients, perClient).line());
        }
        for (int r = 1; r <= runs; r++) {
            SubmissionLoadReport.Run run = runOnce(clients, perClient);
            results.add(run);
            System.out.println("run " + r + ": " + run.line());
        }
        SubmissionLoadReport summary = new SubmissionLoadReport(clients, perClient, results);
        System.out.println(summary.medianLine());
        if (report != null) {
            summary.writeInto(report);
            System.out.println("written into " + report);
        }
    }

    /** One fresh service, a warm-up, then the measured submissions. */
    static SubmissionLoadReport.Run runOnce(int clients, int perClient) throws Exception {
        Path data = Files.createTempDirectory("gw-bench");
        Clock clock = Clock.systemUTC();
        offerClusterNode(data, clock);
        ServerConfig config = new ServerConfig(0, data, null, "", "", false, "bench", "GB", null,
                NodeLimits.defaults(), null, Duration.ofHours(1), Duration.ofDays(1));
        AccessConfig access = AccessConfig.DEFAULTS.withRate(1_000_000, 100_000).withMaxHeldPerTeam(1_000_000);
        try (Greenwindow service = Greenwindow.start(config, clock, access, Map.of())) {
            String base = "http://localhost:" + service.port();
            HttpClient http = HttpClient.newHttpClient();
            String token = engineerToken(http, base, AdminTokenFile.read(data.resolve(AdminTokenFile.FILE_NAME)));
            String body = submission();
            URI jobs = URI.create(base + "/api/jobs");
            submitAll(http, jobs, token, body, clients, WARM_UP); // JIT, pools, H2 caches
            double load = SubmissionLoadReport.loadAverage();
            long cpu = processCpuNanos();
            ThreadCpu threads = ThreadCpu.now();
            long start = System.nanoTime();
            List<Long> latencies = submitAll(http, jobs, token, body, clients, perClient);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (Boolean.getBoolean("bench.threads")) {
                System.out.print("CPU by thread during the run:\n" + ThreadCpu.now().since(threads));
            }
            double cpuMs = (processCpuNanos() - cpu) / 1e6 / latencies.size();
            return SubmissionLoadReport.Run.of(latencies, seconds, load, cpuMs);
        }
    }

    /**
     * CPU time this JVM (service and clients) has used: per submission, it says what a submission costs even on a
     * machine whose other work makes the wall-clock figures vary.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Another node of the cluster, in DE, as its own heartbeat would record it. */
    private static void offerClusterNode(Path data, Clock clock) {
        try (Database db = Database.embedded(data)) {
            new JdbcNodeRegistry(db).heartbeat("cluster-de", "DE", CLUSTER_SLOTS, 0, clock.instant());
        }
    }

    /** An engineer's token of team research, made over the API with the admin token the first start wrote. */
    private static String engineerToken(HttpClient http, String base, String admin) throws Exception {
        String request = JSON.createObjectNode().put("role", "engineer").put("name", "bench")
                .set("teams", JSON.createArrayNode().add("research")).toString();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/tokens"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("token create answered " + r.statusCode() + ": " + r.body());
        }
        JsonNode created = JSON.readTree(r.body());
        return created.get("token").asText();
    }

    private static String submission() throws Exception {
        Path examples = Path.of("training-configs").toAbsolutePath();
        String yaml = Files.readString(examples.resolve("iris-classifier.yaml"));
        return JSON.createObjectNode().put("yaml", yaml).put("source", "iris-classifier.yaml")
                .put("specDir", examples.toString()).put("deadline", "P2D").toString();
    }

    private static List<Long> submitAll(HttpClient http, URI uri, String token, String body, int clients,
            int perClient) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < perClient; i++) {
                        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + token)
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        mine.add(System.nanoTime() - t0);
                        if (r.statusCode() != 201) {
                            throw new IllegalStateException(String.format(Locale.ROOT, "submit answered %d: %s",
                                    r.statusCode(), r.body()));
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
}
