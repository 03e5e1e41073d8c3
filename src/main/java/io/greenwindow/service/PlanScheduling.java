package io.greenwindow.service;

import io.greenwindow.job.Job;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.node.ReleaseAction;
import io.greenwindow.node.ReleaseScheduler;
import io.greenwindow.plan.Decision;
import io.greenwindow.plan.Plan;
import io.greenwindow.plan.PlannedSegment;
import io.greenwindow.reason.Reason;
import io.greenwindow.reason.ReasonCode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Turns a plan into what the service does: the plan stored, the job HELD with the plan's reason, and one release
 * per segment start (for a node of the segment's zone) plus a pause at each segment end but the last. All in one
 * transaction under the planning lock: the plan is made there too when it is given as a supplier.
 */
public final class PlanScheduling {

    private final JobRepository jobs;
    private final ReleaseScheduler releases;
    private final Clock clock;
    private final PlanningLock lock;
    private final BiConsumer<Job, StoredPlan> planned;

    public PlanScheduling(JobRepository jobs, ReleaseScheduler releases, Clock clock) {
        this(jobs, releases, clock, PlanningLock.NONE);
    }

    public PlanScheduling(JobRepository jobs, ReleaseScheduler releases, Clock clock, PlanningLock lock) {
        this(jobs, releases, clock, lock, (job, plan) -> { });
    }

    /** @param planned told of every plan stored, after its releases (an executor that queues jobs elsewhere) */
    public PlanScheduling(JobRepository jobs, ReleaseScheduler releases, Clock clock, PlanningLock lock,
            BiConsumer<Job, StoredPlan> planned) {
        this.jobs = jobs;
        this.releases = releases;
        this.clock = clock;
        this.lock = lock;
        this.planned = planned;
    }

    /** Stores {@code plan} for a job now in {@code from} (SUBMITTED, HELD or PAUSED) and schedules its releases. */
    public void apply(Job job, JobState from, Plan plan) {
        apply(job, from, () -> plan);
    }

    /**
     * Plans (under the lock, so against capacity no other node is promising at the same moment) and applies.
     *
     * @return the job as stored, or empty when its state moved meanwhile (released, cancelled): nothing is written
     */
    public Optional<Job> apply(Job job, JobState from, Supplier<Plan> plan) {
        return apply(job, from, plan, null);
    }

    /**
     * As {@link #apply(Job, JobState, Supplier)}, the job's new reason being {@code why} (made with
     * {@link Reason#prefix}) wrapping the plan's, or the plan's alone when null.
     */
    public Optional<Job> apply(Job job, JobState from, Supplier<Plan> plan, Reason why) {
        Optional<Job> stored = lock.run(() -> Optional.ofNullable(store(job, from, plan.get(), why)));
        jobs.afterCommit(releases::poke); // after the commit (of a caller's transaction too): a release due now is seen
        return stored;
    }

    /**
     * A re-plan of a HELD job: as {@link #apply(Job, JobState, Supplier, Reason)}, but only while the release of its
     * next segment still waits, taken out of the queue in the same transaction. A release taken meanwhile (the job
     * is starting on the plan it had; it is marked RUNNING a moment later) wins: nothing is written, so no re-plan
     * event follows the release and no release of the new plan is left behind for a job that runs. A held job
     * without a waiting release is planned again by {@link Recovery#planJobsWithoutRelease}, not here.
     *
     * @return the job as stored, or empty when its release was taken or its state moved: nothing is written
     */
    public Optional<Job> replanHeld(Job job, Supplier<Plan> plan, Reason why) {
        Optional<Job> stored = lock.run(() -> {
            if (!releases.takeWaiting(job.id(), ReleaseAction.RELEASE, job.segmentsRun())) {
                return Optional.<Job>empty();
            }
            // Made only for a release still waiting; a plan that fails rolls the take back with the transaction.
            return Optional.ofNullable(store(job, JobState.HELD, plan.get(), why));
        });
        jobs.afterCommit(releases::poke);
        return stored;
    }

    /** Stores a new job (SUBMITTED) with its plan and releases, all or nothing. @return the job as stored */
    public Job insert(Job job, Supplier<Plan> plan) {
        return insert(job, null, plan);
    }

    /** As {@link #insert(Job, Supplier)}, recording who submitted it (null: unknown). */
    public Job insert(Job job, String submittedBy, Supplier<Plan> plan) {
        Job result = lock.run(() -> {
            // Planned before the job is written (the planner leaves the job being planned out of the capacity
            // anyway), so that the job, its events and its plan go in as one write of a few statements.
            Plan made = plan.get();
            Instant now = clock.instant();
            StoredPlan stored = stored(job, made, now);
            Job inserted = jobs.insertPlanned(job, submittedBy, JobState.HELD, stateReason(made, now), stored, now);
            scheduleSegments(inserted, made.segments(), inserted.segmentsRun(), false); // none to take back
            planned.accept(inserted, stored);
            return inserted;
        });
        jobs.afterCommit(releases::poke);
        return result;
    }

    /**
     * Stores the new plan of a RUNNING interruptible job's rest (its stored plan and waiting triggers replaced; the
     * job stays RUNNING, {@code reason} in its history). With {@code pauseNow} the job is asked to pause at its next
     * checkpoint now and every segment of {@code plan} is a later one; otherwise the first segment of {@code plan}
     * is the one under way, which gets no release (it runs), only its pause when more segments follow.
     *
     * @return the job as stored, or empty when it no longer runs (it paused or finished meanwhile): nothing written
     */
    public Optional<Job> applyRunning(Job job, Plan plan, boolean pauseNow, Reason reason) {
        Optional<Job> stored = lock.run(() -> {
            Instant now = clock.instant();
            if (!jobs.transition(job.id(), JobState.RUNNING, JobState.RUNNING, reason, now)) {
                return Optional.<Job>empty();
            }
            StoredPlan p = storePlan(job, plan, now);
            int under = job.segmentsRun(); // the segment under way
            if (pauseNow) {
                releases.schedule(job.id(), ReleaseAction.PAUSE, under, now);
                scheduleSegments(job, plan.segments(), under + 1, false);
            } else {
                scheduleSegments(job, plan.segments(), under, true);
            }
            return Optional.of(job.withState(JobState.RUNNING, reason, now).withPlan(p));
        });
        jobs.afterCommit(releases::poke);
        return stored;
    }

    private StoredPlan storePlan(Job job, Plan plan, Instant now) {
        StoredPlan stored = stored(job, plan, now);
        jobs.savePlan(stored);
        releases.unscheduleAll(job.id());
        return stored;
    }

    /**
     * A release at each segment's start (but the first when {@code firstRuns}: it is under way) and a pause at each
     * end but the last; segment {@code i} is the job's segment {@code first + i}.
     */
    private void scheduleSegments(Job job, List<PlannedSegment> segments, int first, boolean firstRuns) {
        for (int i = 0; i < segments.size(); i++) {
            PlannedSegment s = segments.get(i);
            if (i > 0 || !firstRuns) {
                releases.schedule(job.id(), ReleaseAction.RELEASE, first + i, s.start(), s.zone(), job.gpus());
            }
            if (i < segments.size() - 1) {
                releases.schedule(job.id(), ReleaseAction.PAUSE, first + i, s.end());
            }
        }
    }

    private Job store(Job job, JobState from, Plan plan, Reason why) {
        Instant now = clock.instant();
        JobState to = from == JobState.PAUSED ? JobState.PAUSED : JobState.HELD;
        Reason reason = why == null ? stateReason(plan, now) : why.at(now).because(stateReason(plan, now));
        if (!jobs.transition(job.id(), from, to, reason, now)) {
            return null;
        }
        StoredPlan stored = storePlan(job, plan, now);
        scheduleSegments(job, plan.segments(), job.segmentsRun(), false);
        Job result = job.withState(to, reason, now).withPlan(stored);
        planned.accept(result, stored);
        return result;
    }

    private static StoredPlan stored(Job job, Plan plan, Instant now) {
        return new StoredPlan(job.id(), plan.decision().name(), plan.zone(),
                plan.segments().stream().map(s -> new StoredPlan.Segment(s.zone(), s.start(), s.end())).toList(),
                plan.expectedGPerKwh(), plan.nowGPerKwh(), plan.expectedSavingFraction(), plan.why(),
                plan.policy(), now);
    }

    /**
     * The job's reason while it waits for its release trigger. A run-now plan is HELD only until that trigger fires
     * a moment later, so its reason says "starting now" rather than "run now", which read next to HELD as a
     * contradiction; the stored plan keeps the decision's own words.
     */
    static Reason stateReason(Plan plan, Instant now) {
        if (plan.decision() != Decision.RUN_NOW) {
            return plan.why();
        }
        return Reason.of(ReasonCode.STARTING_NOW, now).because(plan.why());
    }
}
