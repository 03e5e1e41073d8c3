package io.greenwindow.executor.slurm;

import static io.greenwindow.executor.slurm.SlurmServiceKit.EXAMPLES;
import static io.greenwindow.executor.slurm.SlurmServiceKit.await;
import static io.greenwindow.executor.slurm.SlurmServiceKit.awaitJobEntry;
import static io.greenwindow.executor.slurm.SlurmServiceKit.entriesOf;
import static io.greenwindow.executor.slurm.SlurmServiceKit.lstm;
import static io.greenwindow.executor.slurm.SlurmServiceKit.slurmId;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.job.Job;
import io.greenwindow.job.JobEvent;
import io.greenwindow.job.JobState;
import io.greenwindow.ledger.EntryKind;
import io.greenwindow.server.Greenwindow;
import io.greenwindow.server.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Slurm does to a running job by itself, on a real one-node Slurm 22.05 (KillWait 30 s, partitions main and
 * urgent with partition-priority preemption by requeue): the time limit (TIMEOUT), a node set DOWN (the job is
 * requeued) and a preemption by a job of the urgent partition (requeued). Each interrupted job's trainer
 * checkpoints on Slurm's TERM; a requeued one is PAUSED with the cause and resumes from that checkpoint.
 */
class SlurmInterruptionsTest {

    @RegisterExtension
    static final OneNodeSlurmExtension oneNode = new OneNodeSlurmExtension();

    @TempDir
    Path data;

    private final SettableClock clock = new SettableClock();

    /** No test's Slurm jobs (a failed one's included) hold the node for the next test. */
    @AfterEach
    void cancelEverything() {
        oneNode.cluster().run("scancel", "--user=root");
        oneNode.cluster().run("scancel", "--user=nobody");
    }

    private Greenwindow start() throws Exception {
        return SlurmServiceKit.start(data, "head-node", "DE", null, clock,
                SlurmServiceKit.env(oneNode.cluster(), data));
    }

    private Path work(String jobId) {
        return data.resolve("shared/jobs").resolve(jobId);
    }

    /** Waits until the job runs in Slurm and its trainer has written a checkpoint. */
    private Job runningWithCheckpoint(Greenwindow service, Job job) throws InterruptedException {
        Path checkpoint = work(job.id()).resolve("checkpoints/checkpoint.zip");
        return await(service, job.id(), j -> j.state() == JobState.RUNNING && Files.exists(checkpoint),
                Duration.ofSeconds(180));
    }

    @Test
    void timeLimitReachedWhileTheServiceIsDown_isFailedNamingTheLimit_withItsCheckpointSavedAndItsEnergyAccounted()
            throws Exception {
        clock.set(Instant.now());
        Job job;
        SlurmJob submitted;
        try (Greenwindow service = start()) {
            // Estimate a minute (the smallest a spec may say), deadline 70 s away: the time limit is the deadline,
            // rounded up to whole minutes: 2. 200 epochs take many minutes here.
            job = service.jobs().submit(lstm("lstm-timeout", 200).replace(
                    "deadline: PT12M, estimatedDuration: PT10M", "deadline: PT1M10S, estimatedDuration: PT1M"),
                    "a.yaml", EXAMPLES, null);
            submitted = oneNode.cluster().await("gw-" + job.id(), j -> true, Duration.ofSeconds(30));
            assertThat(submitted.timeLimitMinutes()).isEqualTo(2);
            runningWithCheckpoint(service, job);
        }
        // With the service up its own overrun watch stops a job past its estimate and deadline first; with it
        // down, Slurm's time limit (which slurmctld checks every 30 s) is what ends the run.
        SlurmJob ended = oneNode.cluster().await("gw-" + job.id(), SlurmJob::isFinished, Duration.ofSeconds(240));
        assertThat(ended.state()).isEqualTo("TIMEOUT");

        try (Greenwindow service = start()) {
            Job failed = await(service, job.id(), j -> j.state().isFinal(), Duration.ofSeconds(60));

            assertThat(failed.state()).as(failed.reason()).isEqualTo(JobState.FAILED);
            assertThat(failed.reason()).contains("in Slurm job " + submitted.id() + " (TIMEOUT, ")
                    .contains("ran past its Slurm time limit of 2 minute(s)")
                    .contains("its checkpoint was saved (paused at epoch ");
            assertThat(work(job.id()).resolve("checkpoints/checkpoint.zip")).exists();
            assertThat(entriesOf(service, job.id())).extracting(e -> e.content().kind())
                    .containsExactly(EntryKind.SEGMENT);
        }
    }

    @Test
    void nodeSetDown_requeuesTheJob_pausedWithTheCause_thenResumedFromItsCheckpoint() throws Exception {
        clock.set(Instant.now());
        try (Greenwindow service = start()) {
            Job job = service.jobs().submit(lstm("lstm-node-down", 3), "a.yaml", EXAMPLES, null);
            runningWithCheckpoint(service, job);
            String node = oneNode.cluster().job("gw-" + job.id()).orElseThrow().nodes();

            assertThat(oneNode.cluster().run("scontrol", "update", "NodeName=" + node, "State=DOWN",
                    "Reason=greenwindow-test").ok()).isTrue();
            Job paused = await(service, job.id(), j -> j.state() != JobState.RUNNING, Duration.ofSeconds(120));
            // The node comes back (slurmd still answers; ReturnToService=2): resume it if it has not yet.
            oneNode.cluster().run("scontrol", "update", "NodeName=" + node, "State=RESUME");

            assertThat(paused.state()).as(paused.reason()).isEqualTo(JobState.PAUSED);
            assertThat(paused.reason()).startsWith("node " + node + " failed in Slurm at ")
                    .contains("requeued, restart 1").contains("resumes from its last checkpoint")
                    .contains("checkpoint saved");
            resumesFromItsCheckpointToTheEnd(service, job);
        }
    }

    @Test
    void preemptedByAnUrgentPartitionJob_isPausedWithTheCause_thenResumedFromItsCheckpoint() throws Exception {
        clock.set(Instant.now());
        try (Greenwindow service = start()) {
            Job job = service.jobs().submit(lstm("lstm-preempted", 3), "a.yaml", EXAMPLES, null);
            runningWithCheckpoint(service, job);

            // Another user's job in the higher-priority partition needs both CPUs: Slurm requeues ours.
            String urgent = oneNode.cluster().run("sbatch", "--parsable", "--uid=nobody", "--chdir=/tmp",
                    "--output=/dev/null", "--partition=urgent", "--cpus-per-task=2", "--mem=64",
                    "--job-name=urgent-other", "--wrap=sleep 15").stdout().trim();
            assertThat(urgent).matches("\\d+");
            Job paused = await(service, job.id(), j -> j.state() != JobState.RUNNING, Duration.ofSeconds(120));

            assertThat(paused.state()).as(paused.reason()).isEqualTo(JobState.PAUSED);
            assertThat(paused.reason()).startsWith("preempted in Slurm at ").contains("requeued, restart 1")
                    .contains("a job of a higher-priority partition took node ").contains("checkpoint saved");
            resumesFromItsCheckpointToTheEnd(service, job);
        }
    }

    /**
     * The job runs again (Slurm starts it once it may: the service set its start to now, as its planned segment
     * still runs) and completes in two segments; the second segment's trainer began where the first one's
     * checkpoint left off, not at the start.
     */
    private void resumesFromItsCheckpointToTheEnd(Greenwindow service, Job job) throws Exception {
        Job done = await(service, job.id(), j -> j.state().isFinal(), Duration.ofSeconds(300));
        assertThat(done.state()).as(done.reason()).isEqualTo(JobState.COMPLETED);
        assertThat(done.segmentsRun()).isEqualTo(2);
        assertThat(service.jobs().events(job.id())).extracting(JobEvent::to).containsExactly(JobState.SUBMITTED,
                JobState.HELD, JobState.RUNNING, JobState.PAUSED, JobState.RUNNING, JobState.COMPLETED);
        List<List<String>> runs = SlurmServiceKit.trainerPositions(work(job.id()));
        assertThat(runs).hasSize(2);
        List<String> first = runs.get(0);
        List<String> second = runs.get(1);
        assertThat(second.get(0)).as("the resumed run starts where the checkpoint was written")
                .isEqualTo(first.get(first.size() - 1)).isNotEqualTo("epoch 1/3, batch 0/10");
        assertThat(awaitJobEntry(service, job.id())).extracting(e -> e.content().kind())
                .containsExactly(EntryKind.SEGMENT, EntryKind.SEGMENT, EntryKind.JOB);
        assertThat(slurmId(service, job.id())).isNotBlank();
    }
}
