package io.greenwindow.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.grid.CarbonSignals;
import io.greenwindow.grid.EmissionScope;
import io.greenwindow.grid.ForecastResult;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalKind;
import io.greenwindow.grid.SignalPoint;
import io.greenwindow.job.JdbcJobRepository;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobEvent;
import io.greenwindow.job.JobState;
import io.greenwindow.job.spec.AllowedRoots;
import io.greenwindow.job.spec.JobDocument;
import io.greenwindow.job.spec.JobDocuments;
import io.greenwindow.job.spec.SpecParser;
import io.greenwindow.ledger.EntryKind;
import io.greenwindow.ledger.Ledger;
import io.greenwindow.ledger.LedgerEntry;
import io.greenwindow.ledger.LedgerQuery;
import io.greenwindow.ledger.LedgerSettings;
import io.greenwindow.node.NodeProfile;
import io.greenwindow.node.ReleaseScheduler;
import io.greenwindow.node.ReleaseSchedulerConfig;
import io.greenwindow.plan.Decision;
import io.greenwindow.plan.Plan;
import io.greenwindow.plan.PlannedSegment;
import io.greenwindow.train.TrainingLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service carries out an interruptible plan: it pauses the job at the end of its first segment (a
 * checkpoint, the training JVM exits), resumes it in a new JVM at the next segment, and the model it ends with is
 * bit-identical to the one an uninterrupted run trains.
 */
class InterruptibleJobTest {

    @TempDir
    Path data;

    private final Clock clock = Clock.systemUTC();
    private Database db;
    private JdbcJobRepository jobs;
    private ReleaseScheduler releases;
    private JobRunner runner;
    private PlanScheduling scheduling;
    private Ledger ledger;
    private SpecParser parser;

    @BeforeEach
    void start() {
        db = TestDatabases.h2();
        jobs = new JdbcJobRepository(db);
        ledger = new Ledger(db, new FlatHistory(300), clock, LedgerSettings.DEFAULT);
        NodeProfile node = NodeProfile.detectLocal("test-node", "DE", null);
        runner = new JobRunner(jobs, new TrainingLauncher(node, clock), ledger, new WorkDirs(data), node, clock,
                new NodeLimits(2, 1, NodeLimits.DEFAULT_MAX_PHYSICAL_BYTES));
        releases = ReleaseScheduler.start(db, ReleaseSchedulerConfig.defaults(), clock,
                new ReleaseDispatcher(jobs, new io.greenwindow.executor.LocalExecutor(runner, node), clock));
        scheduling = new PlanScheduling(jobs, releases, clock);
        parser = new SpecParser(clock, Set.of(), "DE", new AllowedRoots(List.of(data, AllowedRoots.EXAMPLES)),
                id -> jobs.find(id).isPresent());
    }

    @AfterEach
    void stop() {
        releases.close();
        runner.close();
        db.close();
    }

    @Test
    void twoSegmentPlan_pausesAndResumes_endingBitIdenticalToAnUninterruptedRun() throws Exception {
        Instant now = clock.instant();
        Job split = submit("split");
        scheduling.apply(split, JobState.SUBMITTED, plan(split.id(),
                new PlannedSegment("DE", now.plusSeconds(1), now.plusSeconds(6)),
                new PlannedSegment("DE", now.plusSeconds(9), now.plusSeconds(600))));
        Job whole = submit("whole");
        scheduling.apply(whole, JobState.SUBMITTED, plan(whole.id(),
                new PlannedSegment("DE", now.plusSeconds(1), now.plusSeconds(600))));

        Job splitDone = awaitFinal(split.id());
        Job wholeDone = awaitFinal(whole.id());

        assertThat(splitDone.state()).as(splitDone.reason()).isEqualTo(JobState.COMPLETED);
        assertThat(wholeDone.state()).as(wholeDone.reason()).isEqualTo(JobState.COMPLETED);
        assertThat(jobs.events(split.id())).extracting(JobEvent::to).containsExactly(JobState.SUBMITTED,
                JobState.HELD, JobState.RUNNING, JobState.PAUSED, JobState.RUNNING, JobState.COMPLETED);
        assertThat(splitDone.segmentsRun()).isEqualTo(2);

        MultiLayerNetwork a = ModelSerializer.restoreMultiLayerNetwork(splitDone.modelPath());
        MultiLayerNetwork b = ModelSerializer.restoreMultiLayerNetwork(wholeDone.modelPath());
        assertThat(a.params().equalsWithEps(b.params(), 0.0)).as("parameters bit-identical").isTrue();

        List<LedgerEntry> entries = ledger.entries(LedgerQuery.ALL).stream()
                .filter(e -> split.id().equals(e.content().jobId())).toList();
        assertThat(entries).extracting(e -> e.content().kind())
                .containsExactly(EntryKind.SEGMENT, EntryKind.SEGMENT, EntryKind.JOB);
    }

    private Job submit(String name) throws Exception {
        Path examples = Path.of("training-configs").toAbsolutePath();
        // The char LSTM trains long enough (~10 s) for a pause to land inside it; checkpoints are frequent.
        String yaml = Files.readString(examples.resolve("char-lstm.yaml"))
                .replace("name: char-lstm", "name: " + name)
                .replace("epochs: 5", "epochs: 3")
                .replace("checkpointEvery: PT30S", "checkpointEvery: PT1S");
        JobDocument spec = parser.parse(yaml, name + ".yaml", examples, "PT1H");
        Instant now = clock.instant();
        Job job = new Job(name + "-" + now.toEpochMilli(), spec.name(), spec.kind(), spec.team(), JobState.SUBMITTED,
                "submitted", now, spec.schedule().deadline(), spec.schedule().estimatedDuration(),
                spec.schedule().zones(), 0, true, 0, false, name + ".yaml", JobDocuments.toJson(spec), null, null, null, null, null, 0,
                null, null, null, now);
        jobs.insert(job);
        return job;
    }

    private static Plan plan(String jobId, PlannedSegment... segments) {
        return new Plan(jobId, Decision.HOLD, "DE", List.of(segments), 100, 300, 0.66, "test plan", "test");
    }

    private Job awaitFinal(String id) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        Job job = jobs.get(id);
        while (!job.state().isFinal() && System.nanoTime() < until) {
            Thread.sleep(250);
            job = jobs.get(id);
        }
        // The state turns COMPLETED just before the JOB ledger entry is written: wait for that too.
        while (job.state() == JobState.COMPLETED && !ledger.hasJobEntry(id) && System.nanoTime() < until) {
            Thread.sleep(250);
        }
        return job;
    }

    /** History at one intensity, hourly, around now: enough for the ledger to account the runs. */
    private record FlatHistory(double gPerKwh) implements CarbonSignals {
        @Override
        public ForecastResult forecast(String zone, Instant from, Instant to) {
            return new ForecastResult.Unavailable(zone, "not needed");
        }

        @Override
        public Optional<Signal> history(String zone, Instant from, Instant to) {
            Instant start = from.truncatedTo(ChronoUnit.HOURS);
            List<SignalPoint> points = new ArrayList<>();
            for (Instant t = start; t.isBefore(to); t = t.plus(Duration.ofHours(1))) {
                points.add(SignalPoint.of(t, gPerKwh));
            }
            return Optional.of(new Signal(zone, "test", SignalKind.AVERAGE, EmissionScope.LIFECYCLE,
                    Duration.ofHours(1), null, points));
        }
    }
}
