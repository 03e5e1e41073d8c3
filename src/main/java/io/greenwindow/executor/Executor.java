package io.greenwindow.executor;

import io.greenwindow.job.Job;
import io.greenwindow.job.StoredPlan;

/**
 * Where a released segment runs: a child JVM on this greenwindow node ({@link LocalExecutor}) or a job on a Slurm
 * cluster. The service tells it what the plan decided (held with a plan, run a segment now, pause at a segment's
 * end, cancel); the executor writes each job's state changes, with their reasons, as they happen where it runs.
 */
public interface Executor extends AutoCloseable {

    /**
     * A plan was stored for a held or paused job: nothing to do for a local node; Slurm submits (or updates) the
     * job, to start by itself at the planned start if the service is down then.
     */
    default void planned(Job job, StoredPlan plan) {
    }

    /** Runs segment {@code segment} of a held or paused job now (or resumes a running one after a restart). */
    void start(String jobId, int segment, io.greenwindow.reason.Reason why);

    /** As {@link #start(String, int, io.greenwindow.reason.Reason)} with a sentence without a code. */
    default void start(String jobId, int segment, String why) {
        start(jobId, segment, io.greenwindow.reason.Reason.sentence(why));
    }

    /** Asks a running job to checkpoint and stop. @return false when it is not running here */
    boolean pause(String jobId);

    /** Stops a job at once (cancel); its energy so far is still accounted. @return false when nothing ran */
    boolean cancel(String jobId);

    /** True while a segment of the job runs (or is starting) under this executor. */
    boolean isRunning(String jobId);

    /**
     * Accounts segments a dead service never saw finish, before the job is resumed.
     *
     * @return how many segments were recovered
     */
    int recoverOrphanedSegments(Job job);

    /**
     * Whether a segment needing {@code gpus} GPUs can start here now. A cluster manager queues what does not fit
     * itself, so only a local node says no.
     */
    default boolean hasRoom(int gpus) {
        return true;
    }

    /** Tells {@code poke} whenever a running segment ends, so that waiting releases are tried again. */
    default void onSlotFreed(Runnable poke) {
    }

    /**
     * Writes the JOB ledger entry of a completed job that has none (the service died between the two).
     *
     * @return whether an entry was written
     */
    default boolean recordMissingJobEntry(Job job) {
        return false;
    }

    /**
     * Accounts energy this node logged for finished jobs but never got into the ledger (its write failed when the
     * segment ended); run now and then, not only at restarts. A cluster manager accounts its own way.
     *
     * @return how many segment logs were accounted
     */
    default int accountUnreportedEnergy() {
        return 0;
    }

    /** What this executor can run at once in its zone now (live where it can ask, e.g. a Slurm partition). */
    ZoneCapacity capacity();

    @Override
    void close();
}
