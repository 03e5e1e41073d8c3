package io.greenwindow.executor.slurm;

import java.util.Objects;

/**
 * One job as {@code squeue --json} shows it: its state (PENDING, RUNNING, COMPLETING, COMPLETED, FAILED,
 * CANCELLED, TIMEOUT, NODE_FAIL, PREEMPTED, OUT_OF_MEMORY...), the reason it waits, the comment greenwindow
 * wrote, its exit code, how often Slurm restarted it, its nodes, the GPUs and CPUs it holds or asks for, and
 * when it started (or is expected to), in Slurm's clock, and its time limit (0: none).
 */
public record SlurmJob(String id, String name, String state, String reason, String comment, int exitCode,
        int signal, int restarts, String nodes, String user, int cpus, int gpus, String standardOutput,
        long startEpochSecond, long timeLimitMinutes) {

    public SlurmJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        name = name == null ? "" : name;
        reason = reason == null ? "" : reason;
        comment = comment == null ? "" : comment;
        nodes = nodes == null ? "" : nodes;
        user = user == null ? "" : user;
    }

    public boolean isPending() {
        return state.equals("PENDING") || state.equals("REQUEUED") || state.equals("REQUEUE_HOLD");
    }

    /** Running, or leaving a node (COMPLETING): its processes may still be there. */
    public boolean isActive() {
        return state.equals("RUNNING") || state.equals("COMPLETING") || state.equals("CONFIGURING")
                || state.equals("SUSPENDED") || state.equals("STOPPED");
    }

    public boolean isFinished() {
        return !isPending() && !isActive();
    }

    /** Held by a user or admin (scontrol hold, requeuehold): it waits for a release, not for a time. */
    public boolean isHeld() {
        return isPending() && (reason.startsWith("JobHeld") || reason.contains("held"));
    }
}
