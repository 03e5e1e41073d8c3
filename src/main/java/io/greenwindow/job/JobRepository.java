package io.greenwindow.job;

import io.greenwindow.reason.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where jobs, their state changes and their plans are kept. Every method is one transaction. */
public interface JobRepository {

    /** Stores a new job in its first state and records that first event. */
    void insert(Job job);

    /** As {@link #insert(Job)}, recording in the same transaction who submitted it. */
    void insert(Job job, String submittedBy);

    /**
     * Stores a new job (in its first state, {@code job.state()}) already moved to {@code to} with {@code reason} and
     * its first {@code plan}: as {@link #insert(Job, String)}, {@link #transition} and {@link #savePlan} in one
     * transaction, with fewer statements (a new job has no plan to replace and no row to update).
     *
     * @return the job as stored
     */
    Job insertPlanned(Job job, String submittedBy, JobState to, Reason reason, StoredPlan plan, Instant at);

    /** As {@link #transition} to CANCELLED, recording in the same transaction who cancelled it. */
    boolean cancel(String id, JobState expected, Reason reason, String cancelledBy, Instant at);

    /** As {@link #cancel(String, JobState, Reason, String, Instant)} with a sentence without a code. */
    default boolean cancel(String id, JobState expected, String reason, String cancelledBy, Instant at) {
        return cancel(id, expected, Reason.sentence(reason), cancelledBy, at);
    }

    /**
     * Runs {@code reads} (of this repository, and of others on the same database) in one transaction, so that they
     * share one connection and see one state.
     */
    <T> T readTogether(java.util.function.Supplier<T> reads);

    /** Who submitted and cancelled the job; {@link JobAuthors#UNKNOWN} for jobs from before tokens. */
    JobAuthors authors(String id);

    Optional<Job> find(String id);

    /** The job, or {@link JobNotFoundException}. */
    default Job get(String id) {
        return find(id).orElseThrow(() -> new JobNotFoundException(id));
    }

    /** Newest first. */
    default List<Job> list(int limit) {
        return list(limit, 0);
    }

    /** Newest first, skipping the {@code offset} newest. */
    List<Job> list(int limit, int offset);

    List<Job> inStates(JobState... states);

    /**
     * Moves a job from {@code expected} to {@code to} with a reason, if it is still in {@code expected}: the check
     * and the write are one statement, so two nodes cannot both release the same job.
     *
     * @return false when the job was no longer in {@code expected}
     */
    boolean transition(String id, JobState expected, JobState to, Reason reason, Instant at);

    /** As {@link #transition(String, JobState, JobState, Reason, Instant)} with a sentence without a code. */
    default boolean transition(String id, JobState expected, JobState to, String reason, Instant at) {
        return transition(id, expected, to, Reason.sentence(reason), at);
    }

    /** Records that a segment started on {@code node}: state RUNNING, the zone, the node, first start time. */
    boolean markStarted(String id, JobState expected, String zone, String node, Reason reason, Instant at);

    /** As {@link #markStarted(String, JobState, String, String, Reason, Instant)} with a sentence without a code. */
    default boolean markStarted(String id, JobState expected, String zone, String node, String reason, Instant at) {
        return markStarted(id, expected, zone, node, Reason.sentence(reason), at);
    }

    /**
     * Moves a running job from a node that stopped answering to {@code toNode}, if it is still running there:
     * one statement, so two surviving nodes cannot both take it over.
     */
    boolean claim(String id, String fromNode, String toNode, Instant at);

    /** Records the outcome of a run segment without changing state. */
    void recordOutcome(String id, int segmentsRun, String modelPath, String summary, String backend, Instant at);

    List<JobEvent> events(String id);

    void savePlan(StoredPlan plan);

    Optional<StoredPlan> plan(String jobId);

    /** The stored plans of every job now in one of {@code states}: what capacity is promised to. */
    List<StoredPlan> plansInStates(JobState... states);

    /** How many jobs of {@code team} are now in one of {@code states}. */
    long count(String team, JobState... states);

    /**
     * A number that every write of a job's state or plan raises in its own transaction. Such writes wait for one
     * another and for a planner holding the planning lock, so versions follow the order in which they commit: a
     * reader that has seen everything up to a version needs only {@link #changedSince} that version to be current.
     */
    long version();

    /** The jobs whose state or plan was written after {@code version}, as they are now. */
    List<Job> changedSince(long version);

    /**
     * Runs {@code action} once the caller's transaction commits, or at once outside one; never after a rollback.
     * For what is kept in memory from rows a transaction read, which may include its own uncommitted writes.
     */
    void afterCommit(Runnable action);

    /**
     * Tells {@code watcher}, once each {@link #insertPlanned} made through this repository has committed, the
     * version that write raised and the job and plan as written: so that what this process keeps of the jobs can
     * follow its own write instead of reading it back. The version tells whether anything else was written since
     * what the watcher last read (it moved by more than one).
     */
    default void watchInserts(InsertWatcher watcher) {
    }

    /** See {@link #watchInserts}. */
    @FunctionalInterface
    interface InsertWatcher {
        void inserted(long version, Job job, StoredPlan plan);
    }
}
