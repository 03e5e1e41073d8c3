package io.greenwindow.executor.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.job.Job;
import io.greenwindow.ledger.EntryKind;
import io.greenwindow.ledger.LedgerEntry;
import io.greenwindow.ledger.LedgerQuery;
import io.greenwindow.server.Greenwindow;
import io.greenwindow.server.PerfectReplay;
import io.greenwindow.server.ServerConfig;
import io.greenwindow.server.SettableClock;
import io.greenwindow.service.NodeLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Starts greenwindow services with GREENWINDOW_EXECUTOR=slurm on a test's one-node cluster (replay signals over
 * the shipped traces, without noise), and waits, bounded and polling, for what the tests expect.
 */
final class SlurmServiceKit {

    static final Path EXAMPLES = Path.of("training-configs").toAbsolutePath();

    private SlurmServiceKit() {
    }

    /** The service's settings for {@code cluster}, its shared folder under {@code data}, and {@code extra} pairs. */
    static Map<String, String> env(OneNodeSlurm cluster, Path data, String... extra) {
        Map<String, String> env = new HashMap<>(cluster.env);
        env.put("GREENWINDOW_EXECUTOR", "slurm");
        env.put("GREENWINDOW_SHARED_DIR", data.resolve("shared").toString());
        env.put("GREENWINDOW_SLURM_POLL", "PT1S");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        return env;
    }

    /** A service named {@code node} in {@code zone} with its own data folder (and {@code jdbcUrl}, or H2). */
    static Greenwindow start(Path data, String node, String zone, String jdbcUrl, SettableClock clock,
            Map<String, String> env) throws Exception {
        boolean shared = jdbcUrl != null; // embedded PostgreSQL of TestDatabases: user and password "postgres"
        String user = shared ? "postgres" : "";
        return Greenwindow.start(new ServerConfig(0, data, jdbcUrl, user, user, shared, node, zone, null,
                new NodeLimits(2, 1, 1L << 30), adapters(data), Duration.ofHours(1), Duration.ofMinutes(2)), clock,
                env);
    }

    /** The replay adapter over the shipped traces, without noise, so the test knows what the planner sees. */
    static Path adapters(Path data) throws Exception {
        return PerfectReplay.adapters(data, "DE", "GB");
    }

    /** The iris example estimated at 5 minutes: with a 6-minute deadline the planner runs it at once. */
    static String irisAtOnce(String name) throws Exception {
        return iris(name, false).replace("estimatedDuration: PT1M", "estimatedDuration: PT5M");
    }

    static String iris(String name, boolean interruptible) throws Exception {
        return Files.readString(EXAMPLES.resolve("iris-classifier.yaml"))
                .replace("name: iris-classifier", "name: " + name)
                .replace("estimatedDuration: PT20M", "estimatedDuration: PT1M")
                .replace("interruptible: true", "interruptible: " + interruptible);
    }

    /** The char LSTM, checkpointing every second, for {@code epochs} epochs, within a 12-minute deadline. */
    static String lstm(String name, int epochs) throws Exception {
        return Files.readString(EXAMPLES.resolve("char-lstm.yaml"))
                .replace("name: char-lstm", "name: " + name)
                .replace("epochs: 5", "epochs: " + epochs)
                .replace("checkpointEvery: PT30S", "checkpointEvery: PT1S")
                .replace("deadline: PT12H, estimatedDuration: PT30M", "deadline: PT12M, estimatedDuration: PT10M")
                .replace("interruptible: true", "interruptible: false");
    }

    static Job await(Greenwindow service, String id, Predicate<Job> done, Duration timeout)
            throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        Job job = service.jobs().get(id);
        while (!done.test(job) && System.nanoTime() < until) {
            Thread.sleep(250);
            job = service.jobs().get(id);
        }
        assertThat(done.test(job)).as("job " + id + " is " + job.state() + ": " + job.reason()).isTrue();
        return job;
    }

    /** The job's entries once its JOB entry is written (just after the job is seen COMPLETED). */
    static List<LedgerEntry> awaitJobEntry(Greenwindow service, String id) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<LedgerEntry> entries = entriesOf(service, id);
        while (entries.stream().noneMatch(e -> e.content().kind() == EntryKind.JOB) && System.nanoTime() < until) {
            Thread.sleep(250);
            entries = entriesOf(service, id);
        }
        return entries;
    }

    static List<LedgerEntry> entriesOf(Greenwindow service, String id) {
        return service.ledger().entries(LedgerQuery.ALL).stream().filter(e -> id.equals(e.content().jobId())).toList();
    }

    /** How the trainer writes where it stands: "progress: epoch 2/3, batch 4/10, ...". */
    private static final java.util.regex.Pattern POSITION =
            java.util.regex.Pattern.compile("^progress: (epoch \\d+/\\d+, batch \\d+/\\d+)");

    /** Per run of the job's trainer (its output files in {@code work}, in order), the positions it reported. */
    static List<List<String>> trainerPositions(Path work) throws java.io.IOException {
        List<Path> logs;
        try (java.util.stream.Stream<Path> files = Files.list(work)) {
            logs = files.filter(f -> f.getFileName().toString()
                    .startsWith(io.greenwindow.train.TrainingLauncher.OUTPUT_PREFIX)).sorted().toList();
        }
        List<List<String>> runs = new java.util.ArrayList<>();
        for (Path log : logs) {
            runs.add(Files.readAllLines(log).stream().map(POSITION::matcher).filter(java.util.regex.Matcher::find)
                    .map(m -> m.group(1)).toList());
        }
        return runs;
    }

    static String slurmId(Greenwindow service, String jobId) {
        return ((SlurmExecutor) service.executor()).slurmId(jobId).orElseThrow();
    }
}
