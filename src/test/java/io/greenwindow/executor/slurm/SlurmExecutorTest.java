package io.greenwindow.executor.slurm;

import static io.greenwindow.executor.slurm.SlurmServiceKit.await;
import static io.greenwindow.executor.slurm.SlurmServiceKit.awaitJobEntry;
import static io.greenwindow.executor.slurm.SlurmServiceKit.iris;
import static io.greenwindow.executor.slurm.SlurmServiceKit.lstm;
import static io.greenwindow.executor.slurm.SlurmServiceKit.slurmId;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.executor.ZoneCapacity;
import io.greenwindow.grid.ForecastResult;
import io.greenwindow.grid.Signal;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobEvent;
import io.greenwindow.job.JobState;
import io.greenwindow.ledger.EntryKind;
import io.greenwindow.ledger.LedgerEntry;
import io.greenwindow.server.Greenwindow;
import io.greenwindow.server.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service with GREENWINDOW_EXECUTOR=slurm against a real one-node Slurm 22.05 (two CPUs, two stand-in GPUs),
 * started by the shipped script: jobs wait in Slurm as gw-&lt;id&gt; with their reason, start at their window (or
 * by Slurm alone when the service is down), train DL4J on the node, pause by requeuehold and resume bit-exactly,
 * and their states follow Slurm's.
 */
class SlurmExecutorTest {

    static final Path EXAMPLES = SlurmServiceKit.EXAMPLES;

    @RegisterExtension
    static final OneNodeSlurmExtension oneNode = new OneNodeSlurmExtension();

    @TempDir
    Path data;

    private final SettableClock clock = new SettableClock();

    private Map<String, String> env(String... extra) {
        return SlurmServiceKit.env(oneNode.cluster(), data, extra);
    }

    private Greenwindow start(Map<String, String> env) throws Exception {
        return SlurmServiceKit.start(data, "head-node", "DE", null, clock, env);
    }

    /**
     * An hour of 2026-03-02 at least 10 g/kWh cleaner than each of the two hours before it: a job submitted two
     * hours before it with a deadline half an hour into it must wait for it.
     */
    private static Instant cleanerThanTheTwoHoursBefore(Greenwindow service) {
        Instant day = Instant.parse("2026-03-02T00:00:00Z");
        ForecastResult result = service.grid().signals().forecast("DE", day, day.plus(Duration.ofHours(24)));
        assertThat(result).isInstanceOf(ForecastResult.Forecast.class);
        Signal s = ((ForecastResult.Forecast) result).signal();
        for (Instant h = day.plus(Duration.ofHours(3)); h.isBefore(day.plus(Duration.ofHours(23))); h = h.plus(Duration.ofHours(1))) {
            double here = s.intensityAt(h);
            if (here < s.intensityAt(h.minus(Duration.ofHours(1))) - 10 && here < s.intensityAt(h.minus(Duration.ofHours(2))) - 10) {
                return h;
            }
        }
        throw new AssertionError("no such hour on " + day);
    }

    @Test
    void heldJob_waitsInSlurmWithItsReason_startsAtItsWindow_trainsAndItsLedgerEntryNamesTheSlurmJob() throws Exception {
        clock.set(Instant.parse("2026-03-01T12:00:00Z"));
        try (Greenwindow service = start(env())) {
            Instant hour = cleanerThanTheTwoHoursBefore(service);
            // The service's clock is set 30 s before the window (Quartz and Slurm count the 30 s in real time).
            clock.set(hour.minusSeconds(30));
            Job job = service.jobs().submit(iris("iris-held", false), "iris.yaml", EXAMPLES, "PT40M");

            assertThat(job.state()).as(job.reason()).isEqualTo(JobState.HELD);
            assertThat(job.plannedStart()).isEqualTo(hour);
            SlurmJob pending = oneNode.cluster().await("gw-" + job.id(), j -> true, Duration.ofSeconds(30));
            assertThat(pending.state()).isEqualTo("PENDING");
            assertThat(pending.reason()).isEqualTo("BeginTime");
            assertThat(pending.comment()).isEqualTo(job.reason()).startsWith("held until");

            Job done = await(service, job.id(), j -> j.state().isFinal(), Duration.ofSeconds(240));

            assertThat(done.state()).as(done.reason()).isEqualTo(JobState.COMPLETED);
            assertThat(done.startedAt()).isAfterOrEqualTo(hour);
            String slurmId = slurmId(service, job.id());
            assertThat(oneNode.cluster().job("gw-" + job.id()).orElseThrow().state()).isEqualTo("COMPLETED");
            List<JobEvent> events = service.jobs().events(job.id());
            assertThat(events).extracting(JobEvent::to).containsExactly(JobState.SUBMITTED, JobState.HELD,
                    JobState.RUNNING, JobState.COMPLETED);
            assertThat(events.get(2).reason()).contains("in Slurm job " + slurmId + " on node ");
            assertThat(Path.of(done.modelPath())).exists();
            List<LedgerEntry> entries = awaitJobEntry(service, job.id());
            assertThat(entries).extracting(e -> e.content().kind()).contains(EntryKind.SEGMENT, EntryKind.JOB);
            assertThat(entries.get(0).content().energy().nodes()).singleElement().asString()
                    .endsWith("(Slurm job " + slurmId + ")");
            assertThat(entries.get(0).content().energy().components()).isNotEmpty();
            assertThat(service.ledger().verify().intact()).isTrue();
        }
    }

    @Test
    void serviceStoppedBeforeTheWindow_slurmStillStartsTheJobInTime_andTheServiceAccountsItWhenBack() throws Exception {
        clock.set(Instant.parse("2026-03-01T12:00:00Z"));
        Instant hour;
        Job job;
        try (Greenwindow service = start(env())) {
            hour = cleanerThanTheTwoHoursBefore(service);
            clock.set(hour.minusSeconds(15));
            job = service.jobs().submit(iris("iris-unattended", false), "iris.yaml", EXAMPLES, "PT20M");
            assertThat(job.plannedStart()).isEqualTo(hour);
        }
        // Nobody watches now: Slurm alone must start the job at its planned start.
        SlurmJob ran = oneNode.cluster().await("gw-" + job.id(), SlurmJob::isFinished, Duration.ofSeconds(240));
        assertThat(ran.state()).isEqualTo("COMPLETED");
        Duration offset = Duration.between(Instant.now(), clock.instant());
        Instant latestStart = job.deadline().minus(job.estimatedDuration()).minus(offset);
        assertThat(Instant.ofEpochSecond(ran.startEpochSecond())).isBefore(latestStart);

        try (Greenwindow service = start(env())) {
            Job done = await(service, job.id(), j -> j.state().isFinal(), Duration.ofSeconds(60));
            assertThat(done.state()).as(done.reason()).isEqualTo(JobState.COMPLETED);
            assertThat(service.jobs().events(job.id())).extracting(JobEvent::to).containsExactly(JobState.SUBMITTED,
                    JobState.HELD, JobState.RUNNING, JobState.COMPLETED);
            assertThat(service.jobs().events(job.id()).get(2).reason()).contains("while the service was not watching");
            assertThat(awaitJobEntry(service, job.id())).extracting(e -> e.content().kind())
                    .containsExactly(EntryKind.SEGMENT, EntryKind.JOB);
        }
    }

    @Test
    void pausedByRequeueHoldAndResumed_endsWithTheParametersOfAnUninterruptedRun() throws Exception {
        clock.set(Instant.now());
        try (Greenwindow service = start(env())) {
            // The char LSTM trains long enough for the pause to land inside it; it checkpoints every second.
            Job split = service.jobs().submit(lstm("lstm-split", 3), "a.yaml", EXAMPLES, null);
            Job whole = service.jobs().submit(lstm("lstm-whole", 3), "b.yaml", EXAMPLES, null);
            Path checkpoint = data.resolve("shared/jobs").resolve(split.id()).resolve("checkpoints/checkpoint.zip");
            await(service, split.id(), j -> j.state() == JobState.RUNNING && Files.exists(checkpoint),
                    Duration.ofSeconds(180));

            assertThat(service.executor().pause(split.id())).isTrue();
            Job paused = await(service, split.id(), j -> j.state() != JobState.RUNNING, Duration.ofSeconds(120));
            assertThat(paused.state()).as(paused.reason()).isEqualTo(JobState.PAUSED);
            assertThat(paused.reason()).contains("checkpoint saved").contains("requeued held");
            // Slurm keeps the paused job pending, to start by itself at the next planned segment.
            SlurmJob waiting = oneNode.cluster().await("gw-" + split.id(), SlurmJob::isPending, Duration.ofSeconds(30));
            assertThat(waiting.restarts()).isEqualTo(1);

            service.executor().start(split.id(), 1, "resumed at the next segment");
            Job splitDone = await(service, split.id(), j -> j.state().isFinal(), Duration.ofSeconds(300));
            Job wholeDone = await(service, whole.id(), j -> j.state().isFinal(), Duration.ofSeconds(300));

            assertThat(splitDone.state()).as(splitDone.reason()).isEqualTo(JobState.COMPLETED);
            assertThat(wholeDone.state()).as(wholeDone.reason()).isEqualTo(JobState.COMPLETED);
            assertThat(service.jobs().events(split.id())).extracting(JobEvent::to).containsExactly(JobState.SUBMITTED,
                    JobState.HELD, JobState.RUNNING, JobState.PAUSED, JobState.RUNNING, JobState.COMPLETED);
            assertThat(splitDone.segmentsRun()).isEqualTo(2);
            MultiLayerNetwork a = ModelSerializer.restoreMultiLayerNetwork(splitDone.modelPath());
            MultiLayerNetwork b = ModelSerializer.restoreMultiLayerNetwork(wholeDone.modelPath());
            assertThat(a.params().equalsWithEps(b.params(), 0.0)).as("parameters bit-identical").isTrue();
            assertThat(awaitJobEntry(service, split.id())).extracting(e -> e.content().kind())
                    .containsExactly(EntryKind.SEGMENT, EntryKind.SEGMENT, EntryKind.JOB);
        }
    }

    @Test
    void requeuedBySlurmItself_likeAPreemption_isPausedThenResumedBySlurmFromItsCheckpoint() throws Exception {
        clock.set(Instant.now());
        try (Greenwindow service = start(env())) {
            Job job = service.jobs().submit(lstm("lstm-requeued", 3), "a.yaml", EXAMPLES, null);
            Path checkpoint = data.resolve("shared/jobs").resolve(job.id()).resolve("checkpoints/checkpoint.zip");
            await(service, job.id(), j -> j.state() == JobState.RUNNING && Files.exists(checkpoint),
                    Duration.ofSeconds(180));

            // What Slurm does to a preempted job (PreemptMode=REQUEUE) or on an admin's requeue.
            assertThat(oneNode.cluster().run("scontrol", "requeue", slurmId(service, job.id())).ok()).isTrue();
            Job requeued = await(service, job.id(), j -> j.state() != JobState.RUNNING, Duration.ofSeconds(120));
            assertThat(requeued.state()).as(requeued.reason()).isEqualTo(JobState.PAUSED);
            assertThat(requeued.reason()).startsWith("requeued by Slurm at ").contains("resumes from its last checkpoint");

            // Slurm starts it again by itself (about 2 minutes after a requeue here), unless the heartbeat, seeing
            // a paused job with no release waiting, plans it again first and releases it (PAUSED -> PAUSED).
            Job done = await(service, job.id(), j -> j.state().isFinal(), Duration.ofSeconds(420));
            assertThat(done.state()).as(done.reason()).isEqualTo(JobState.COMPLETED);
            assertThat(done.segmentsRun()).isEqualTo(2);
            List<JobEvent> events = service.jobs().events(job.id());
            assertThat(events).extracting(JobEvent::to).startsWith(JobState.SUBMITTED, JobState.HELD,
                    JobState.RUNNING, JobState.PAUSED).endsWith(JobState.RUNNING, JobState.COMPLETED)
                    .containsOnly(JobState.SUBMITTED, JobState.HELD, JobState.RUNNING, JobState.PAUSED,
                            JobState.COMPLETED);
            assertThat(events.get(events.size() - 2).reason()).contains("in Slurm job " + slurmId(service, job.id()));
            assertThat(awaitJobEntry(service, job.id())).extracting(e -> e.content().kind())
                    .containsExactly(EntryKind.SEGMENT, EntryKind.SEGMENT, EntryKind.JOB);
        }
    }

    @Test
    void cancelInGreenwindowReachesSlurm_andScancelInSlurmReachesGreenwindowWithItsReason() throws Exception {
        clock.set(Instant.parse("2026-03-01T12:00:00Z"));
        try (Greenwindow service = start(env())) {
            Instant hour = cleanerThanTheTwoHoursBefore(service);
            clock.set(hour.minus(Duration.ofHours(2)));
            Job ours = service.jobs().submit(iris("iris-cancel-here", false), "a.yaml", EXAMPLES, "PT2H30M");
            Job theirs = service.jobs().submit(iris("iris-cancel-there", false), "b.yaml", EXAMPLES, "PT2H30M");
            oneNode.cluster().await("gw-" + ours.id(), SlurmJob::isPending, Duration.ofSeconds(30));
            SlurmJob other = oneNode.cluster().await("gw-" + theirs.id(), SlurmJob::isPending, Duration.ofSeconds(30));

            assertThat(service.jobs().cancel(ours.id()).state()).isEqualTo(JobState.CANCELLED);
            assertThat(oneNode.cluster().await("gw-" + ours.id(), SlurmJob::isFinished, Duration.ofSeconds(30)).state())
                    .isEqualTo("CANCELLED");

            assertThat(oneNode.cluster().run("scancel", other.id()).ok()).isTrue();
            Job cancelled = await(service, theirs.id(), j -> j.state().isFinal(), Duration.ofSeconds(30));
            assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
            assertThat(cancelled.reason()).startsWith("cancelled in Slurm at ").contains("scancel outside greenwindow")
                    .contains("Slurm job " + other.id()).contains("of user " + other.user());
        }
    }

    @Test
    void batchScriptThatFails_isFailedWithTheExitCodeAndTheReasonFromItsOutput() throws Exception {
        clock.set(Instant.now());
        try (Greenwindow service = start(env("GREENWINDOW_SLURM_JAVA", "/nonexistent/bin/java"))) {
            Job job = service.jobs().submit(iris("iris-no-java", false).replace("deadline: PT8H", "deadline: PT2M"),
                    "a.yaml", EXAMPLES, null);
            Job failed = await(service, job.id(), j -> j.state().isFinal(), Duration.ofSeconds(60));

            assertThat(failed.state()).isEqualTo(JobState.FAILED);
            assertThat(failed.reason()).contains("in Slurm job " + slurmId(service, job.id()) + " (FAILED, exit code 1)")
                    .contains("greenwindow: no java at /nonexistent/bin/java on node ");
        }
    }

    @Test
    void capacityIsThePartitionLessOtherUsersJobs_andNoJobAsksForMoreThanTheLargestNodeHas() throws Exception {
        clock.set(Instant.now());
        try (Greenwindow service = start(env())) {
            ZoneCapacity idle = service.executor().capacity();
            // The cluster script declares 2 CPUs and 2 GPUs on its one node.
            assertThat(idle.gpus()).isEqualTo(2);
            assertThat(idle.cpus()).isEqualTo(2);
            assertThat(idle.zone()).isEqualTo("DE");

            String outside = oneNode.cluster().run("sbatch", "--parsable", "--job-name=someone-else", "--gres=gpu:1",
                    "--cpus-per-task=1", "--mem=64", "--output=" + oneNode.cluster().dir.resolve("someone-else.out"),
                    "--wrap=sleep 600")
                    .stdout().trim();
            try {
                oneNode.cluster().await("someone-else", j -> j.state().equals("RUNNING"), Duration.ofSeconds(30));
                ZoneCapacity busy = service.executor().capacity();
                assertThat(busy.gpus()).isEqualTo(1);
                assertThat(busy.cpus()).isEqualTo(1);
                assertThat(busy.source()).contains("less 1 GPU(s) and 1 CPU(s) held by other users' running jobs");
            } finally {
                oneNode.cluster().run("scancel", outside);
            }

            Job tooBig = service.jobs().submit(iris("iris-three-gpus", false).replace("gpus: 0", "gpus: 3"),
                    "a.yaml", EXAMPLES, null);
            Job refused = service.jobs().get(tooBig.id());
            assertThat(refused.state()).isEqualTo(JobState.FAILED);
            assertThat(refused.reason()).contains("job needs 3 GPU(s) on one node but the largest node of Slurm "
                    + "partition (default) has 2");
            assertThat(oneNode.cluster().job("gw-" + tooBig.id())).isEmpty();

            Job fits = service.jobs().submit(iris("iris-two-gpus", false).replace("gpus: 0", "gpus: 2"),
                    "b.yaml", EXAMPLES, "PT48H");
            SlurmJob asked = oneNode.cluster().await("gw-" + fits.id(), j -> true, Duration.ofSeconds(30));
            assertThat(asked.gpus()).isEqualTo(2);
            assertThat(asked.cpus()).isEqualTo(1);
            service.jobs().cancel(fits.id());
        }
    }
}
