package io.greenwindow.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.energy.Component;
import io.greenwindow.energy.EnergyMethod;
import io.greenwindow.energy.EnergySample;
import io.greenwindow.energy.EnergySampleLog;
import io.greenwindow.energy.MeterReading;
import io.greenwindow.job.JdbcJobRepository;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.job.spec.AllowedRoots;
import io.greenwindow.job.spec.JobDocument;
import io.greenwindow.job.spec.JobDocuments;
import io.greenwindow.job.spec.SpecParser;
import io.greenwindow.ledger.EntryKind;
import io.greenwindow.ledger.EntryStatus;
import io.greenwindow.ledger.HandMadeSignals;
import io.greenwindow.ledger.JdbcLedgerRepository;
import io.greenwindow.ledger.Ledger;
import io.greenwindow.ledger.LedgerEntry;
import io.greenwindow.ledger.LedgerQuery;
import io.greenwindow.ledger.LedgerSettings;
import io.greenwindow.node.NodeProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Energy is never lost to a full disk: the disk fills in the middle of a segment, so the energy log takes no more
 * samples and the ledger refuses the segment's entry when it ends. The job still finishes; the periodic sweep
 * brings every sample logged before the fault to the ledger once the disk has room, saying the energy is
 * incomplete, and never twice. The disk is {@link FullDisk}: writes refused at the log's file channel and at the
 * ledger's repository.
 */
class EnergyLogSweepTest {

    private static final Instant T = Instant.parse("2026-11-02T10:00:00Z");
    /** The sweep runs well after the job finished (its settle time has passed). */
    private static final Clock LATER = Clock.fixed(T.plus(Duration.ofHours(1)), ZoneOffset.UTC);

    @TempDir
    Path data;

    private final FullDisk disk = new FullDisk();
    private Database db;
    private JdbcJobRepository jobs;
    private Ledger ledger;
    private WorkDirs dirs;
    private NodeProfile node;
    private JobRunner runner;

    @BeforeEach
    void start() {
        db = TestDatabases.h2();
        jobs = new JdbcJobRepository(db);
        // DE history 09:00 300 g/kWh, 10:00 200 g/kWh, 11:00 250 g/kWh.
        HandMadeSignals signals = new HandMadeSignals().hourly("DE", T.minus(Duration.ofHours(1)), 300, 200, 250);
        ledger = new Ledger(disk.ledger(new JdbcLedgerRepository(db)), signals, LATER, LedgerSettings.DEFAULT);
        dirs = new WorkDirs(data);
        node = NodeProfile.detectLocal("node-a", "DE", 1.0);
        runner = new JobRunner(jobs, new io.greenwindow.train.TrainingLauncher(node, LATER), ledger, dirs, node, LATER,
                new NodeLimits(1, 1, NodeLimits.DEFAULT_MAX_PHYSICAL_BYTES));
    }

    @AfterEach
    void stop() {
        runner.close();
        db.close();
    }

    @Test
    void sweep_diskFullMidSegment_everySampleLoggedBeforeTheFaultReachesTheLedgerOnce_markedIncomplete()
            throws Exception {
        Job job = insert("iris-full", JobState.COMPLETED, "node-a");
        Path work = dirs.of(job.id());
        // Segment 0 ran earlier and is in the ledger (its log reported); segment 1 starts at 10:00.
        Files.createDirectories(work);
        Files.writeString(work.resolve("energy-" + T.minusSeconds(600).toEpochMilli() + ".reported.csv"), "");
        Path log = work.resolve("energy-" + T.toEpochMilli() + ".csv");
        try (EnergySampleLog energyLog = new EnergySampleLog(disk.appendingTo(log))) {
            // Cumulative CPU joules: 0 at 10:00:00, 3,600 at 10:00:10, 7,200 at 10:00:20; then the disk is full.
            energyLog.append(sample(0, 0));
            energyLog.append(sample(10, 3600));
            energyLog.append(sample(20, 7200));
            disk.fill();
            assertThatThrownBy(() -> energyLog.append(sample(30, 10800))).hasMessageContaining("No space left");
            assertThatThrownBy(() -> energyLog.appendFinal(sample(40, 14400))).hasMessageContaining("No space left");
        }
        // The runner's entry at the segment's end was refused as well (the disk is full): the log stays unreported
        // and the job is COMPLETED, as JobRunner leaves it.
        assertThat(runner.accountUnreportedEnergy()).as("the disk is still full").isZero();
        assertThat(log).exists();
        assertThat(ledger.entries(LedgerQuery.ALL)).isEmpty();

        disk.free();
        assertThat(runner.accountUnreportedEnergy()).isEqualTo(1);

        List<LedgerEntry> entries = ledger.entries(LedgerQuery.ALL);
        LedgerEntry segment = entries.stream().filter(e -> e.content().kind() == EntryKind.SEGMENT).findFirst()
                .orElseThrow();
        assertThat(segment.content().jobId()).isEqualTo(job.id());
        assertThat(segment.content().segmentIndex()).as("the log's place among the job's logs").isEqualTo(1);
        // Logged before the fault: 7,200 J - 0 J = 7,200 J = 0.002 kWh (3.6e6 J per kWh); at 200 g/kWh, PUE 1:
        // 0.4 g. The two samples the full disk refused are not in it, and the entry says so.
        assertThat(segment.content().energy().itKwh()).isCloseTo(0.002, within(1e-12));
        assertThat(segment.content().carbon().inventoryG()).isCloseTo(0.4, within(1e-9));
        assertThat(segment.content().status()).isEqualTo(EntryStatus.PARTIAL_ENERGY);
        assertThat(segment.content().statusReason())
                .contains("energy measured only up to the last sample at 2026-11-02T10:00:20Z")
                .contains("could not be written").doesNotContain("service stopped");
        LedgerEntry jobEntry = entries.stream().filter(e -> e.content().kind() == EntryKind.JOB).findFirst()
                .orElseThrow(() -> new AssertionError("the completed job's missing JOB entry: " + entries));
        assertThat(jobEntry.content().status()).as("a job with unmeasured energy is never complete")
                .isEqualTo(EntryStatus.PARTIAL_ENERGY);
        assertThat(jobEntry.content().energy().itKwh()).isCloseTo(0.002, within(1e-12));
        assertThat(log).doesNotExist();
        assertThat(work.resolve("energy-" + T.toEpochMilli() + ".reported.csv")).exists();

        assertThat(runner.accountUnreportedEnergy()).as("accounted once").isZero();
        assertThat(ledger.entries(LedgerQuery.ALL)).hasSize(2);
        assertThat(ledger.verify().intact()).isTrue();
    }

    @Test
    void sweep_leavesRunningJustFinishedAndOtherNodesJobsAlone() throws Exception {
        Job running = insert("running", JobState.RUNNING, "node-a");
        Job elsewhere = insert("elsewhere", JobState.COMPLETED, "node-b");
        Job justDone = insert("just-done", JobState.COMPLETED, "node-a");
        for (Job job : List.of(running, elsewhere, justDone)) {
            try (EnergySampleLog energyLog = new EnergySampleLog(dirs.of(job.id()).resolve("energy-"
                    + T.toEpochMilli() + ".csv"))) {
                energyLog.append(sample(0, 0));
                energyLog.append(sample(10, 3600));
            }
        }
        // The sweep sees "just-done" 30 s after it finished: its runner may still be writing its entries.
        EnergyLogSweep sweep = new EnergyLogSweep(jobs, ledger, dirs, node,
                Clock.fixed(justDone.updatedAt().plusSeconds(30), ZoneOffset.UTC));

        assertThat(sweep.sweep(j -> runner.recordMissingJobEntry(j))).isZero();

        assertThat(ledger.entries(LedgerQuery.ALL)).isEmpty();
        for (Job job : List.of(running, elsewhere, justDone)) {
            assertThat(unreportedLogs(dirs.of(job.id()))).as(job.id()).hasSize(1);
        }
    }

    private static EnergySample sample(int secondsAfterT, double cumulativeJoules) {
        return new EnergySample(T.plusSeconds(secondsAfterT), List.of(new MeterReading(Component.CPU,
                cumulativeJoules, EnergyMethod.ESTIMATED_MODEL, "test model")));
    }

    private static List<Path> unreportedLogs(Path work) throws IOException {
        try (Stream<Path> files = Files.list(work)) {
            return files.filter(f -> f.getFileName().toString().matches("energy-\\d+\\.csv")).toList();
        }
    }

    /** A job from the iris example, in {@code state} on {@code node}, last changed at 10:01. */
    private Job insert(String id, JobState state, String onNode) {
        SpecParser parser = new SpecParser(LATER, Set.of(), "DE", new AllowedRoots(List.of(data, AllowedRoots.EXAMPLES)),
                x -> false);
        JobDocument spec;
        try {
            spec = parser.parse(Files.readString(AllowedRoots.EXAMPLES.resolve("iris-classifier.yaml")),
                    "iris-classifier.yaml", AllowedRoots.EXAMPLES.toAbsolutePath(), "PT8H");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Instant changed = T.plusSeconds(60);
        Job job = new Job(id, spec.name(), spec.kind(), spec.team(), state, "test", T, T.plus(Duration.ofHours(8)),
                spec.schedule().estimatedDuration(), List.of("DE"), 0, true, 0, false, "iris-classifier.yaml",
                JobDocuments.toJson(spec), null, "DE", onNode, T, state.isFinal() ? changed : null, 2, null, null, null,
                changed);
        jobs.insert(job);
        return jobs.get(id);
    }
}
