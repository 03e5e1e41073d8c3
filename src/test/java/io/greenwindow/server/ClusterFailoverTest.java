package io.greenwindow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.grid.AdapterStatus;
import io.greenwindow.grid.store.JdbcRequestCounts;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.service.NodeLimits;
import io.greenwindow.service.TrainerLogs;
import io.greenwindow.train.ProgressFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three service nodes in one JVM on one PostgreSQL, two in DE sharing their data folder and one in GB, on a clock
 * that runs in real time (no jumps, so no node ever looks silent only because the test moved time):
 * <ul>
 *   <li>a request budget of a provider all three nodes ask is counted once, in the database: what every node
 *       reports used is what the provider received;</li>
 *   <li>a new DE forecast from that provider re-plans DE's held jobs, each change in the job's history with its
 *       reason;</li>
 *   <li>a DE node killed mid-job (its database cut first, its trainer killed) stops beating; the other DE node
 *       takes the job over, resumes it from its last checkpoint (its first progress is past the checkpoint's
 *       epoch, where a fresh start would report epoch 1 or 2) and meets its deadline; the ledger holds the cut
 *       segment, recovered from its energy log, and the chain is intact.</li>
 * </ul>
 */
class ClusterFailoverTest {

    /** A heartbeat every 2 s; a node silent for 8 s has left. */
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(8);
    /** A bound, not an expectation: at load average 35 the char-LSTM below trained at one sequence a second. */
    private static final Duration BOUND = Duration.ofMinutes(15);

    @TempDir
    Path data;

    private final SettableClock clock = new SettableClock();

    @Test
    void threeNodes_budgetCountedOnce_forecastReplansHeldJobs_killedNodesJobResumesOnItsZonesOtherNode()
            throws Exception {
        String url = TestDatabases.postgresUrl();
        clock.set(Instant.parse("2026-11-29T13:05:00Z"));
        try (MockWebServer provider = new MockWebServer(); Database db = Database.open(url, "postgres", "postgres")) {
            provider.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                            .body(payload(request.getUrl().encodedPath())).build();
                }
            });
            provider.start();
            Path adapters = adapters(provider);
            Path shared = data.resolve("de-shared");
            java.util.Map<String, String> env = java.util.Map.of("ELECTRICITYMAPS_TOKEN", "test-token");
            Greenwindow deA = Greenwindow.start(node(url, shared, "de-a", "DE", adapters), clock, env);
            Greenwindow deB = Greenwindow.start(node(url, shared, "de-b", "DE", adapters), clock, env);
            Greenwindow gbA = Greenwindow.start(node(url, data.resolve("gb-a"), "gb-a", "GB", adapters), clock, env);
            List<Greenwindow> open = new ArrayList<>(List.of(deA, deB, gbA));
            try {
                budgetCountedOnce(provider, new JdbcRequestCounts(db), open);
                List<String> held = forecastReplansHeldJobs(deA);
                killedNodesJobResumesOnTheOtherDeNode(deA, deB, shared, open);
                // With one DE node left both held jobs cannot share the green hour: one may be re-planned, and a
                // freed slot may start it at once when that is no worse. Either way it keeps its deadline.
                for (String id : held) {
                    Job job = gbA.jobs().get(id);
                    assertThat(job.state()).as(job.reason()).isIn(JobState.HELD, JobState.RUNNING, JobState.COMPLETED);
                    if (job.state() == JobState.HELD) {
                        assertThat(gbA.jobs().plan(id).orElseThrow().segments().get(0).end()).as(job.reason())
                                .isBeforeOrEqualTo(job.deadline());
                    }
                }
                assertThat(gbA.ledger().verify().intact()).isTrue();
            } finally {
                open.forEach(Greenwindow::close);
            }
        }
    }

    /**
     * Every node reports the count in the database, and the provider received exactly that many requests: the nodes
     * that sent none (a forecast another node fetched lately is not fetched again) still see the budget spent.
     */
    private void budgetCountedOnce(MockWebServer provider, JdbcRequestCounts counts, List<Greenwindow> nodes)
            throws InterruptedException {
        await(() -> provider.getRequestCount() >= 1, "the nodes asked the provider");
        await(() -> {
            long received = provider.getRequestCount();
            long stored = counts.load("em").map(c -> c.used()).orElse(-1L);
            return stored == received && nodes.stream().allMatch(n -> used(n) == received);
        }, "every node reports the requests the provider received");
        assertThat(used(nodes.get(0))).isLessThanOrEqualTo(BUDGET);
    }

    private static final long BUDGET = 1000;

    private static long used(Greenwindow node) {
        return node.grid().adapters().stream().filter(a -> a.name().equals("em")).mapToLong(AdapterStatus::requestsUsed)
                .findFirst().orElse(-1);
    }

    /** The provider's greenest hour and when its forecast was made; the test publishes a new one. */
    private final AtomicReference<Instant> greenAt = new AtomicReference<>(Instant.parse("2026-11-30T03:00:00Z"));
    private final AtomicReference<Instant> updatedAt = new AtomicReference<>(Instant.parse("2026-11-29T13:00:00Z"));

    /**
     * Answers in the Electricity Maps v3 shapes (as the recorded payloads in src/test/resources/grid/electricitymaps):
     * a forecast of 48 hours from 13:00, 300 g/kWh except 20 in the hour at {@link #greenAt}, dated
     * {@link #updatedAt}; history as 300 every hour of the day before.
     */
    private String payload(String path) {
        StringBuilder json = new StringBuilder();
        Instant green = greenAt.get();
        if (path.endsWith("/forecast")) {
            json.append("{\"zone\": \"DE\", \"forecast\": [");
            Instant start = Instant.parse("2026-11-29T13:00:00Z");
            for (int h = 0; h < 48; h++) {
                Instant at = start.plus(Duration.ofHours(h));
                json.append(h == 0 ? "" : ",").append("{\"carbonIntensity\": ").append(at.equals(green) ? 20 : 300)
                        .append(", \"datetime\": \"").append(at).append("\"}");
            }
            return json.append("], \"updatedAt\": \"").append(updatedAt.get()).append("\"}").toString();
        }
        for (int h = 0; h < 24; h++) {
            json.append(h == 0 ? "" : ",").append("{\"zone\": \"DE\", \"carbonIntensity\": 300, \"datetime\": \"")
                    .append(Instant.parse("2026-11-28T13:00:00Z").plus(Duration.ofHours(h))).append("\"}");
        }
        // /history answers in "history", /past-range in "data".
        return "{\"zone\": \"DE\", \"history\": [" + json + "], \"data\": [" + json + "]}";
    }

    /**
     * Two DE jobs held for the provider's greenest half-hour; the provider then publishes a forecast with another
     * greenest half-hour, a node's background refresh stores it, and the cluster's news watch moves both jobs there,
     * saying why.
     */
    private List<String> forecastReplansHeldJobs(Greenwindow de) throws Exception {
        String yaml = iris().replace("epochs: 40", "epochs: 2");
        Instant first = greenAt.get();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Job job = de.jobs().submit(yaml, "iris-classifier.yaml", GreenwindowEndToEndTest.EXAMPLES, "PT20H");
            assertThat(job.state()).as(job.reason()).isEqualTo(JobState.HELD);
            ids.add(job.id());
        }
        await(() -> ids.stream().allMatch(id -> within(de.jobs().get(id).plannedStart(), first)),
                "both held DE jobs planned in the provider's greenest half-hour");

        Instant second = Instant.parse("2026-11-30T06:00:00Z");
        greenAt.set(second);
        updatedAt.set(clock.instant().truncatedTo(ChronoUnit.SECONDS));

        await(() -> ids.stream().allMatch(id -> within(de.jobs().get(id).plannedStart(), second)),
                "both held DE jobs moved to the new greenest half-hour");
        for (String id : ids) {
            assertThat(de.jobs().events(id)).anySatisfy(e -> assertThat(e.reason())
                    .matches("re-planned on a new DE forecast \\(generated \\d\\d:\\d\\d UTC\\): held until .*06:\\d\\d UTC.*"));
        }
        return ids;
    }

    private static boolean within(Instant start, Instant halfHour) {
        return start != null && !start.isBefore(halfHour) && start.isBefore(halfHour.plus(Duration.ofMinutes(30)));
    }

    private void killedNodesJobResumesOnTheOtherDeNode(Greenwindow deA, Greenwindow deB, Path shared,
            List<Greenwindow> open) throws Exception {
        // GIVEN an urgent char-LSTM job (runs at once) checkpointing every second, past its second epoch
        String yaml = Files.readString(GreenwindowEndToEndTest.EXAMPLES.resolve("char-lstm.yaml"))
                .replace("length: 12000", "length: 2000")
                .replace("epochs: 5", "epochs: 8")
                .replace("checkpointEvery: PT30S", "checkpointEvery: PT1S")
                .replace("interruptible: true}", "interruptible: true, urgent: true}");
        Job submitted = deA.jobs().submit(yaml, "char-lstm.yaml", GreenwindowEndToEndTest.EXAMPLES, "PT12H");
        String id = submitted.id();
        await(() -> deA.jobs().get(id).state() == JobState.RUNNING, "the job runs");
        String victimName = deA.jobs().get(id).node();
        Greenwindow victim = "de-a".equals(victimName) ? deA : deB;
        Greenwindow survivor = victim == deA ? deB : deA;
        Path checkpoint = shared.resolve("jobs").resolve(id).resolve("checkpoints").resolve("checkpoint.zip");
        await(() -> checkpointEpoch(checkpoint) >= 2, "a checkpoint past the second epoch");

        // WHEN its node dies
        victim.halt();
        open.remove(victim);
        int checkpointed = checkpointEpoch(checkpoint);

        // THEN the other DE node takes it over once the dead one is silent, and it completes there in time
        await(() -> survivor.jobs().get(id).state().isFinal(), "the job finished on the surviving node");
        Job job = survivor.jobs().get(id);
        assertThat(job.state()).as(job.reason()).isEqualTo(JobState.COMPLETED);
        assertThat(job.node()).isEqualTo(survivor == deA ? "de-a" : "de-b");
        assertThat(job.finishedAt()).isBeforeOrEqualTo(job.deadline());
        assertThat(survivor.jobs().events(id)).anySatisfy(e -> assertThat(e.reason())
                .startsWith("taken over at ").contains("by node " + job.node() + ": node " + victimName
                        + " last answered at "));
        TrainerLogs logs = survivor.jobs().logs(id);
        String resumed = logs.segment(logs.count()).text(); // segments are numbered from 1: the last is the resumed one
        Matcher first = Pattern.compile("progress: epoch (\\d+)/8").matcher(resumed);
        assertThat(first.find()).as(resumed).isTrue();
        assertThat(Integer.parseInt(first.group(1)) - 1).as("epochs done at the resumed segment's first progress")
                .isGreaterThanOrEqualTo(checkpointed);
        assertThat(ProgressFile.read(shared.resolve("jobs").resolve(id)).orElseThrow().epochsDone()).isEqualTo(8);
        // The cut segment is in the ledger too (recovered from its energy log by the node that took over), beside
        // the resumed one and the job's own entry, which the runner appends just after the job's final state.
        await(() -> survivor.ledger().entries(io.greenwindow.ledger.LedgerQuery.ALL).stream()
                .map(io.greenwindow.ledger.LedgerEntry::content)
                .anyMatch(c -> id.equals(c.jobId()) && c.kind() == io.greenwindow.ledger.EntryKind.JOB),
                "the job's own ledger entry");
        List<io.greenwindow.ledger.EntryContent> entries = survivor.ledger().entries(io.greenwindow.ledger.LedgerQuery.ALL)
                .stream().map(io.greenwindow.ledger.LedgerEntry::content).filter(c -> id.equals(c.jobId())).toList();
        // The cut segment and the resumed run. The resumed run can come as two segments: when the capacity news of
        // the dead node's leaving re-plans the job just as it starts on the survivor, it is stopped at a checkpoint
        // and released again at once (seen once in five CI runs, December 2026; wasteful, in the issue 11 note).
        List<io.greenwindow.ledger.EntryContent> segments = entries.stream()
                .filter(c -> c.kind() == io.greenwindow.ledger.EntryKind.SEGMENT).toList();
        assertThat(segments).hasSizeBetween(2, 3);
        assertThat(segments).extracting(io.greenwindow.ledger.EntryContent::segmentIndex).doesNotHaveDuplicates()
                .contains(0);
        assertThat(entries.stream().filter(c -> c.kind() == io.greenwindow.ledger.EntryKind.JOB)).hasSize(1);
    }

    /** The epoch a job's last checkpoint was taken in (its stored position), or -1 while it has none. */
    private static int checkpointEpoch(Path checkpoint) {
        if (!Files.isRegularFile(checkpoint)) {
            return -1;
        }
        try {
            String line = ModelSerializer.getObjectFromFile(checkpoint.toFile(), "greenwindow-state");
            return Integer.parseInt(line.split(",")[0]);
        } catch (RuntimeException e) {
            return -1; // replaced while read: the next look sees the new one
        }
    }

    private Path adapters(MockWebServer provider) throws IOException {
        // The traces behind the provider, so that DE falls back to them and GB has them alone.
        Path dir = PerfectReplay.write(data.resolve("adapters"), 10, "DE", "GB");
        // First in DE's chain, refreshed by the background refresh of every node (one node per 5 s: a forecast
        // another node stored lately is not asked again), on one budget shared through the database.
        Files.writeString(dir.resolve("em.yaml"), """
                name: em
                kind: electricitymaps
                priority: 5
                baseUrl: %s
                requestBudget: {requests: %d, period: P1D}
                zones:
                  DE: DE
                options:
                  refreshAfter: PT5S
                """.formatted(provider.url("/"), BUDGET));
        return dir;
    }

    private String iris() throws IOException {
        return Files.readString(GreenwindowEndToEndTest.EXAMPLES.resolve("iris-classifier.yaml"))
                .replace("interruptible: true", "interruptible: false");
    }

    private static ServerConfig node(String url, Path dataDir, String name, String zone, Path adapters) {
        return new ServerConfig(0, dataDir, url, "postgres", "postgres", true, name, zone, null,
                new NodeLimits(1, 1, NodeLimits.DEFAULT_MAX_PHYSICAL_BYTES), adapters, Duration.ofHours(6),
                NODE_TIMEOUT);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out after " + BOUND + " waiting until " + what);
            }
            Thread.sleep(200);
        }
    }
}
