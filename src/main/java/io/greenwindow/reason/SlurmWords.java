package io.greenwindow.reason;

import java.util.Locale;

/** The sentences of what Slurm did with a job's Slurm job: started, requeued, ended, refused. */
final class SlurmWords {

    private static final String RESUMES = ": resumes from its last checkpoint when Slurm starts it again";
    private static final String RESUMES_IN_NEW_JOB = ": resumes from its last checkpoint in a new Slurm job";

    private SlurmWords() {
    }

    static String sentence(Reason r) {
        String t = Wording.clock(r.at());
        String job = "Slurm job " + r.text("slurmJob");
        return switch (r.code()) {
            case SLURM_PAUSED -> "paused at " + t + " after segment " + r.count("segment") + " (checkpoint saved; "
                    + job + " requeued held)";
            case SLURM_PREEMPTED_REQUEUED -> "preempted in Slurm at " + t + " (" + requeued(r)
                    + "; a job of a higher-priority partition took node " + r.text("node") + ")" + RESUMES + run(r);
            case SLURM_NODE_FAILED_REQUEUED -> "node " + r.text("node") + " failed in Slurm at " + t + " ("
                    + requeued(r) + ")" + RESUMES + run(r);
            case SLURM_REQUEUED -> "requeued by Slurm at " + t + " (" + r.text("slurmReason") + ", restart "
                    + r.count("restart") + (r.has("says") ? ", Slurm says: " + r.text("says").toLowerCase(Locale.ROOT)
                    : "") + ")" + RESUMES + run(r);
            case SLURM_PREEMPTED_ENDED -> "preempted in Slurm at " + t + " (" + job + " PREEMPTED, not requeued)"
                    + RESUMES_IN_NEW_JOB;
            case SLURM_NODE_FAILED_ENDED -> "node " + r.text("node") + " failed in Slurm at " + t + " (" + job
                    + " NODE_FAIL, not requeued)" + RESUMES_IN_NEW_JOB;
            case SLURM_STARTED -> "started by Slurm at " + t
                    + " at its planned start (no release from the service reached it)";
            case SLURM_RESUMED -> "resumed by Slurm at " + t
                    + " from its last checkpoint (its next planned start, or Slurm's own requeue)";
            case IN_SLURM_JOB -> "in " + job + " on node " + r.text("node")
                    + (r.count("gpus") > 0 ? " with " + r.count("gpus") + " GPU(s)" : "");
            case SLURM_RAN_UNWATCHED -> "ran in " + job + " on node " + r.text("node")
                    + " while the service was not watching";
            case SLURM_COMPLETED -> "completed at " + t + " in " + job + " on node " + r.text("node") + " after "
                    + r.count("segments") + " segment(s): " + r.text("summary");
            case SLURM_CANCELLED -> "cancelled in Slurm at " + t + " (scancel outside greenwindow, " + job + " of user "
                    + r.text("user") + "; without accounting Slurm does not record who ran it)"
                    + (r.flag("accounted") ? "; energy so far is in the ledger" : "");
            case SLURM_FAILED -> "failed at " + t + " in " + job + " (" + r.text("state") + ", exit code "
                    + r.count("exitCode") + ") on node " + r.text("node") + ": ";
            case SLURM_NO_COMPLETED_TRAINING -> job + " ended without a completed training";
            case SLURM_TIME_LIMIT -> "ran past its Slurm time limit of " + r.count("minutes") + " minute(s) (the "
                    + "estimate x" + r.number("factor") + " plus " + r.duration("margin").toMinutes()
                    + " minutes, never past the deadline); Slurm stopped it"
                    + (r.has("checkpoint") ? " and its checkpoint was saved (" + r.text("checkpoint") + ")" : "");
            case SLURM_OUT_OF_MEMORY -> "ran out of memory";
            case SLURM_RUN_FAILED -> r.text("message");
            case SLURM_SCRIPT_EXITED -> "the batch script exited with code " + r.count("exitCode")
                    + (r.has("signal") ? " (signal " + r.count("signal") + ")" : "") + "\n" + r.text("tail");
            case SLURM_JOB_LOST -> "failed at " + t + ": Slurm no longer knows job " + r.text("slurmJob")
                    + " (it finished more than MinJobAge ago while the service was down, or slurmctld lost its state)";
            case SLURM_REFUSED -> "failed at " + t + ": Slurm refused the job: " + r.text("message");
            case SLURM_TOO_FEW_GPUS -> tooSmall(r, "GPU(s)");
            case SLURM_TOO_FEW_CPUS -> tooSmall(r, "CPU(s)");
            default -> throw new IllegalStateException("No sentence for reason code " + r.code());
        };
    }

    /** "Slurm job 5 requeued, restart 1". */
    private static String requeued(Reason r) {
        return "Slurm job " + r.text("slurmJob") + " requeued, restart " + r.count("restart");
    }

    /** "; " and the message of the run that ended with the requeue, when it wrote one. */
    private static String run(Reason r) {
        return r.has("run") ? "; " + r.text("run") : "";
    }

    private static String tooSmall(Reason r, String unit) {
        return "cannot run at " + Wording.clock(r.at()) + ": job needs " + r.count("needed") + " " + unit
                + " on one node but the largest node of Slurm partition "
                + (r.has("partition") ? r.text("partition") : "(default)") + " has " + r.count("largest");
    }
}
