package io.greenwindow.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.grid.CarbonSignals;
import io.greenwindow.grid.ForecastResult;
import io.greenwindow.grid.Signal;
import io.greenwindow.job.JdbcJobRepository;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.job.spec.AllowedRoots;
import io.greenwindow.job.spec.BaseModel;
import io.greenwindow.job.spec.JobDocument;
import io.greenwindow.job.spec.JobDocuments;
import io.greenwindow.job.spec.ModelSpec;
import io.greenwindow.job.spec.SpecParser;
import io.greenwindow.ledger.Ledger;
import io.greenwindow.ledger.LedgerSettings;
import io.greenwindow.node.NodeProfile;
import io.greenwindow.train.TrainingLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fine-tune's {@code latest:NAME} and {@code job:ID} bases are resolved through the job table when it is
 * released: the training JVM receives the stored model path of that job, and a base with no trained model fails
 * the fine-tune with a reason, never a guess from the text.
 */
class FineTuneBaseTest {

    static final Path EXAMPLES = Path.of("training-configs").toAbsolutePath();

    @TempDir
    Path data;

    private final Clock clock = Clock.systemUTC();
    private Database db;
    private JdbcJobRepository jobs;
    private JobRunner runner;
    private SpecParser parser;
    private int next;

    /** No grid data: the ledger cannot price the runs, which this test does not look at. */
    private static final CarbonSignals NO_SIGNALS = new CarbonSignals() {
        @Override
        public ForecastResult forecast(String zone, Instant from, Instant to) {
            return new ForecastResult.Unavailable(zone, "test");
        }

        @Override
        public Optional<Signal> history(String zone, Instant from, Instant to) {
            return Optional.empty();
        }
    };

    @BeforeEach
    void start() {
        db = TestDatabases.h2();
        jobs = new JdbcJobRepository(db);
        NodeProfile node = NodeProfile.detectLocal("test-node", "DE", null);
        runner = new JobRunner(jobs, new TrainingLauncher(node, clock), new Ledger(db, NO_SIGNALS, clock,
                LedgerSettings.DEFAULT), new WorkDirs(data), node, clock,
                new NodeLimits(1, 1, NodeLimits.DEFAULT_MAX_PHYSICAL_BYTES));
        parser = new SpecParser(clock, Set.of(), "DE", new AllowedRoots(List.of(data, EXAMPLES)),
                id -> jobs.find(id).isPresent());
    }

    @AfterEach
    void stop() {
        runner.close();
        db.close();
    }

    @Test
    void fineTune_latestAndJobBases_trainOnTheModelTheJobTableRecords() throws Exception {
        Job base = run(insert(spec("iris-classifier.yaml", "epochs: 40", "epochs: 2")));
        assertThat(base.state()).as(base.reason()).isEqualTo(JobState.COMPLETED);
        Path model = Path.of(base.modelPath()).toRealPath();

        Job byName = run(insert(spec("iris-fine-tune.yaml", "epochs: 30", "epochs: 2")));
        Job byId = run(insert(spec("iris-fine-tune.yaml", "base: latest:iris-classifier",
                "base: 'job:" + base.id() + "'")));

        for (Job tuned : List.of(byName, byId)) {
            assertThat(tuned.state()).as(tuned.reason()).isEqualTo(JobState.COMPLETED);
            JobDocument handed = JobDocuments.fromJson(Files.readString(
                    data.resolve("jobs").resolve(tuned.id()).resolve(WorkDirs.DOCUMENT_FILE)));
            assertThat(((ModelSpec.FineTune) handed.model()).base()).isEqualTo(new BaseModel.File(model));
        }
    }

    @Test
    void fineTune_baseWithoutATrainedModel_failsNamingTheField() throws Exception {
        Job held = insert(spec("iris-classifier.yaml", "epochs: 40", "epochs: 2"));

        Job byId = run(insert(spec("iris-fine-tune.yaml", "base: latest:iris-classifier",
                "base: 'job:" + held.id() + "'")));
        Job byName = run(insert(spec("iris-fine-tune.yaml", "base: latest:iris-classifier",
                "base: latest:nothing-yet")));

        assertThat(byId.state()).isEqualTo(JobState.FAILED);
        assertThat(byId.reason()).contains("model.base: job " + held.id() + " has no trained model (it is SUBMITTED)");
        assertThat(byName.state()).isEqualTo(JobState.FAILED);
        assertThat(byName.reason()).contains("model.base: no completed job of spec 'nothing-yet' has a trained model");
    }

    private JobDocument spec(String file, String from, String to) throws Exception {
        String yaml = Files.readString(EXAMPLES.resolve(file));
        assertThat(yaml).contains(from);
        return parser.parse(yaml.replace(from, to), file, EXAMPLES, "PT1H");
    }

    private Job insert(JobDocument spec) {
        Instant now = clock.instant();
        Job job = new Job("ft" + next++, spec.name(), spec.kind(), spec.team(), JobState.SUBMITTED, "submitted", now,
                spec.schedule().deadline(), spec.schedule().estimatedDuration(), spec.schedule().zones(), 0, false, 0,
                false, spec.name() + ".yaml", JobDocuments.toJson(spec), null, null, null, null, null, 0, null, null,
                null, now);
        jobs.insert(job);
        return job;
    }

    private Job run(Job job) throws InterruptedException {
        runner.start(job.id(), 0, "test release");
        long until = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        Job now = jobs.get(job.id());
        while (!now.state().isFinal() && System.nanoTime() < until) {
            Thread.sleep(100);
            now = jobs.get(job.id());
        }
        return now;
    }
}
