package io.greenwindow.reason;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What Slurm did with a job reads as it did before the Slurm executor spoke in codes: every expected sentence here
 * is the one SlurmQueueFollower, SlurmExecutor and SlurmSubmitter built as text (commit c655ff4), filled in by hand
 * with the values below; each also reads the same after being stored.
 */
class SlurmWordingTest {

    private static final Instant AT = Instant.parse("2026-12-07T16:18:22Z");

    private static Reason of(ReasonCode code) {
        return Reason.of(code, AT);
    }

    private static void reads(Reason r, String sentence) {
        assertThat(Wording.render(r)).isEqualTo(sentence);
        assertThat(Wording.render(ReasonJson.read(ReasonJson.write(r), "unused"))).isEqualTo(sentence);
    }

    @Test
    void pausedByTheService_saysTheSegmentAndTheHeldRequeue() {
        reads(of(ReasonCode.SLURM_PAUSED).with("segment", 1).with("slurmJob", "7"),
                "paused at 16:18 UTC after segment 1 (checkpoint saved; Slurm job 7 requeued held)");
    }

    @Test
    void requeuedBySlurm_namesTheCause_andTheRunsOwnMessage() {
        String resumes = ": resumes from its last checkpoint when Slurm starts it again";
        reads(of(ReasonCode.SLURM_PREEMPTED_REQUEUED).with("slurmJob", "2").with("restart", 1).with("node", "vm")
                        .with("run", "paused at epoch 2 batch 3; checkpoint saved"),
                "preempted in Slurm at 16:18 UTC (Slurm job 2 requeued, restart 1; a job of a higher-priority "
                        + "partition took node vm)" + resumes + "; paused at epoch 2 batch 3; checkpoint saved");
        reads(of(ReasonCode.SLURM_NODE_FAILED_REQUEUED).with("slurmJob", "1").with("restart", 1).with("node", "vm"),
                "node vm failed in Slurm at 16:18 UTC (Slurm job 1 requeued, restart 1)" + resumes);
        reads(of(ReasonCode.SLURM_REQUEUED).with("slurmJob", "3").with("restart", 2).with("slurmReason", "BeginTime"),
                "requeued by Slurm at 16:18 UTC (BeginTime, restart 2)" + resumes);
        reads(of(ReasonCode.SLURM_REQUEUED).with("slurmJob", "3").with("restart", 2).with("slurmReason", "None")
                        .with("says", "TIME LIMIT").with("run", "paused at epoch 1 batch 9"),
                "requeued by Slurm at 16:18 UTC (None, restart 2, Slurm says: time limit)" + resumes
                        + "; paused at epoch 1 batch 9");
    }

    @Test
    void endedWithoutRequeue_resumesInANewSlurmJob() {
        reads(of(ReasonCode.SLURM_PREEMPTED_ENDED).with("slurmJob", "4"), "preempted in Slurm at 16:18 UTC (Slurm job 4 "
                + "PREEMPTED, not requeued): resumes from its last checkpoint in a new Slurm job");
        reads(of(ReasonCode.SLURM_NODE_FAILED_ENDED).with("slurmJob", "4").with("node", "vm"), "node vm failed in Slurm "
                + "at 16:18 UTC (Slurm job 4 NODE_FAIL, not requeued): resumes from its last checkpoint in a new Slurm job");
    }

    @Test
    void startedInSlurm_saysWhereAfterWhy() {
        String where = " in Slurm job 5 on node vm";
        reads(of(ReasonCode.SLURM_STARTED).and(of(ReasonCode.IN_SLURM_JOB).with("slurmJob", "5").with("node", "vm")
                .with("gpus", 0)), "started by Slurm at 16:18 UTC at its planned start (no release from the service "
                + "reached it)" + where);
        reads(of(ReasonCode.SLURM_RESUMED).and(of(ReasonCode.IN_SLURM_JOB).with("slurmJob", "5").with("node", "vm")
                .with("gpus", 2)), "resumed by Slurm at 16:18 UTC from its last checkpoint (its next planned start, or "
                + "Slurm's own requeue)" + where + " with 2 GPU(s)");
        // The release's own reason (with its notes) comes first, where the job runs last.
        Reason released = of(ReasonCode.RELEASED).with("segment", 0).with("zone", "DE").with("atOnce", true);
        reads(released.and(of(ReasonCode.IN_SLURM_JOB).with("slurmJob", "5").with("node", "vm").with("gpus", 0)),
                "released at 16:18 UTC: planned to run at once in DE" + where);
        reads(of(ReasonCode.SLURM_RAN_UNWATCHED).with("slurmJob", "5").with("node", "vm"),
                "ran in Slurm job 5 on node vm while the service was not watching");
    }

    @Test
    void endedInSlurm_completedOrCancelledOutsideGreenwindow() {
        reads(of(ReasonCode.SLURM_COMPLETED).with("slurmJob", "5").with("node", "vm").with("segments", 2)
                        .with("summary", "3 epochs, loss 0.12"),
                "completed at 16:18 UTC in Slurm job 5 on node vm after 2 segment(s): 3 epochs, loss 0.12");
        String cancelled = "cancelled in Slurm at 16:18 UTC (scancel outside greenwindow, Slurm job 5 of user root; "
                + "without accounting Slurm does not record who ran it)";
        reads(of(ReasonCode.SLURM_CANCELLED).with("slurmJob", "5").with("user", "root").with("accounted", false),
                cancelled);
        reads(of(ReasonCode.SLURM_CANCELLED).with("slurmJob", "5").with("user", "root").with("accounted", true),
                cancelled + "; energy so far is in the ledger");
    }

    @Test
    void failedInSlurm_saysTheStateAndExitCode_thenWhy() {
        Reason failed = of(ReasonCode.SLURM_FAILED).with("slurmJob", "6").with("state", "TIMEOUT").with("exitCode", 0)
                .with("node", "vm");
        String head = "failed at 16:18 UTC in Slurm job 6 (TIMEOUT, exit code 0) on node vm: ";
        Reason limit = of(ReasonCode.SLURM_TIME_LIMIT).with("minutes", 2L).with("factor", 1.5)
                .with("margin", Duration.ofMinutes(10));
        String past = "ran past its Slurm time limit of 2 minute(s) (the estimate x1.5 plus 10 minutes, never past "
                + "the deadline); Slurm stopped it";
        reads(failed.because(limit), head + past);
        reads(failed.because(limit.with("checkpoint", "paused at epoch 2 batch 3")),
                head + past + " and its checkpoint was saved (paused at epoch 2 batch 3)");

        Reason exited = failed.with("state", "FAILED").with("exitCode", 1);
        String failedHead = "failed at 16:18 UTC in Slurm job 6 (FAILED, exit code 1) on node vm: ";
        reads(exited.because(of(ReasonCode.SLURM_NO_COMPLETED_TRAINING).with("slurmJob", "6")),
                failedHead + "Slurm job 6 ended without a completed training");
        reads(exited.because(of(ReasonCode.SLURM_OUT_OF_MEMORY)), failedHead + "ran out of memory");
        reads(exited.because(of(ReasonCode.SLURM_RUN_FAILED).with("message", "trainer: NaN loss at epoch 2")),
                failedHead + "trainer: NaN loss at epoch 2");
        reads(exited.because(of(ReasonCode.SLURM_SCRIPT_EXITED).with("exitCode", 1).with("tail", "line 1\nline 2")),
                failedHead + "the batch script exited with code 1\nline 1\nline 2");
        reads(exited.because(of(ReasonCode.SLURM_SCRIPT_EXITED).with("exitCode", 0).with("signal", 9).with("tail", "")),
                failedHead + "the batch script exited with code 0 (signal 9)\n");
    }

    @Test
    void slurmLostOrRefusedTheJob_orNoNodeIsLargeEnough() {
        reads(of(ReasonCode.SLURM_JOB_LOST).with("slurmJob", "8"), "failed at 16:18 UTC: Slurm no longer knows job 8 "
                + "(it finished more than MinJobAge ago while the service was down, or slurmctld lost its state)");
        reads(of(ReasonCode.SLURM_REFUSED).with("message", "sbatch: error: invalid partition"),
                "failed at 16:18 UTC: Slurm refused the job: sbatch: error: invalid partition");
        reads(of(ReasonCode.SLURM_TOO_FEW_GPUS).with("needed", 3).with("partition", "main").with("largest", 2),
                "cannot run at 16:18 UTC: job needs 3 GPU(s) on one node but the largest node of Slurm partition main "
                        + "has 2");
        reads(of(ReasonCode.SLURM_TOO_FEW_CPUS).with("needed", 4).with("largest", 2),
                "cannot run at 16:18 UTC: job needs 4 CPU(s) on one node but the largest node of Slurm partition "
                        + "(default) has 2");
    }
}
