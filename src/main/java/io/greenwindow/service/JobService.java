package io.greenwindow.service;

import io.greenwindow.executor.Executor;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobAuthors;
import io.greenwindow.job.JobEvent;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.job.spec.JobDocument;
import io.greenwindow.job.spec.JobDocuments;
import io.greenwindow.job.spec.SpecParser;
import io.greenwindow.node.ReleaseScheduler;
import io.greenwindow.node.ScheduledRelease;
import io.greenwindow.plan.JobPlanner;
import io.greenwindow.plan.Plan;
import io.greenwindow.train.ProgressFile;
import io.greenwindow.train.TrainingProgress;
import java.nio.file.Path;
import io.greenwindow.reason.Reason;
import io.greenwindow.reason.ReasonCode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What users do with jobs: submit a spec (it is parsed, stored, planned and held with its reason, and its
 * releases are scheduled), list, show and cancel.
 */
public final class JobService {

    private final JobRepository jobs;
    private final SpecParser parser;
    private final JobPlanner planner;
    private final PlanScheduling scheduling;
    private final ReleaseScheduler releases;
    private final Executor runner;
    private final Clock clock;
    private final WorkDirs dirs;

    private final Replanner replanner;

    public JobService(JobRepository jobs, SpecParser parser, JobPlanner planner, PlanScheduling scheduling,
            ReleaseScheduler releases, Executor runner, Clock clock) {
        this(jobs, parser, planner, scheduling, releases, runner, clock, null, null);
    }

    /** @param replanner plans the queue again when a new job cannot meet its deadline behind it (null: never) */
    public JobService(JobRepository jobs, SpecParser parser, JobPlanner planner, PlanScheduling scheduling,
            ReleaseScheduler releases, Executor runner, Clock clock, Replanner replanner) {
        this(jobs, parser, planner, scheduling, releases, runner, clock, replanner, null);
    }

    /**
     * @param replanner plans the queue again when a new job cannot meet its deadline behind it (null: never)
     * @param dirs where the jobs' trainers report progress and write their output; null: none is shown
     */
    public JobService(JobRepository jobs, SpecParser parser, JobPlanner planner, PlanScheduling scheduling,
            ReleaseScheduler releases, Executor runner, Clock clock, Replanner replanner, WorkDirs dirs) {
        this.replanner = replanner;
        this.dirs = dirs;
        this.jobs = jobs;
        this.parser = parser;
        this.planner = planner;
        this.scheduling = scheduling;
        this.releases = releases;
        this.runner = runner;
        this.clock = clock;
    }

    /**
     * @param source the spec's file name, for errors
     * @param specDir the folder its relative paths are resolved against
     * @param deadline overrides the spec's deadline (ISO-8601 duration from now or instant), or null
     */
    public Job submit(String yaml, String source, Path specDir, String deadline) {
        // Parsed and bounded in full before anything is written: a refused spec leaves no trace.
        return submit(parse(yaml, source, specDir, deadline), source, null);
    }

    /** Validates a spec without storing it, so that the edge can judge its team before it is submitted. */
    public JobDocument parse(String yaml, String source, Path specDir, String deadline) {
        return parser.parse(yaml, source, specDir, deadline);
    }

    /**
     * Refuses a spec whose deadline comes before its estimated end if started now, unless {@code allowLate}: such a
     * job cannot meet its deadline at all, which the submitter should say they accept.
     */
    public void requireMeetableDeadline(JobDocument spec, boolean allowLate) {
        Instant now = clock.instant();
        Instant end = now.plus(spec.schedule().estimatedDuration());
        if (!allowLate && spec.schedule().deadline().isBefore(end)) {
            throw new io.greenwindow.job.spec.InvalidSpecException(null, List.of("schedule.deadline: "
                    + Times.full(spec.schedule().deadline()) + " is before the estimated end "
                    + Times.full(end) + " of a " + spec.schedule().estimatedDuration().toMinutes()
                    + " min job started now; give a later deadline, or allowLate: true (--allow-late) to run it late"));
        }
    }

    /** Stores, plans and holds a parsed spec; {@code submittedBy} is recorded with it (null: unknown). */
    public Job submit(JobDocument spec, String source, String submittedBy) {
        return store(prepare(spec, source, submittedBy));
    }

    /** A job made from a spec, with what its plan needs besides the capacity; not stored yet. */
    public record Submission(Job job, String submittedBy, JobPlanner.Inputs inputs) {
    }

    /**
     * Makes a job of a parsed spec and fetches its policy and forecasts, without the planning lock: the part of a
     * submission that no other planner's promise can change. Hand it to {@link #store} soon (under the lock when
     * the caller takes it for more work of its own). The job is planned on the policy and forecasts of this moment:
     * a forecast stored while it waits for the lock reaches it at the next re-planning pass.
     */
    public Submission prepare(JobDocument spec, String source, String submittedBy) {
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Job job = new Job(id, spec.name(), spec.kind(), spec.team(), JobState.SUBMITTED,
                Reason.of(ReasonCode.SUBMITTED, now), now, spec.schedule().deadline(),
                spec.schedule().estimatedDuration(), spec.schedule().zones(), spec.schedule().gpus(),
                spec.schedule().interruptible(), spec.schedule().priority(), spec.schedule().urgent(), source,
                JobDocuments.toJson(spec), null, null, null, null, null, 0, null, null, null, now);
        return new Submission(job, submittedBy, planner.prepare(PlanRequests.of(job)));
    }

    /** Plans a prepared job against the capacity as it stands, stores and holds it. */
    public Job store(Submission submission) {
        Job job = submission.job();
        // Job, plan and releases in one transaction under the planning lock: stored together or not at all.
        Job stored = scheduling.insert(job, submission.submittedBy(), () -> planner.plan(submission.inputs()));
        return replanner != null && replanner.makeRoomFor(stored) > 0 ? jobs.get(job.id()) : stored;
    }

    /** Runs {@code reads} of this service in one read transaction (one connection, one consistent view). */
    public <T> T readTogether(java.util.function.Supplier<T> reads) {
        return jobs.readTogether(reads);
    }

    public JobAuthors authors(String id) {
        return jobs.authors(id);
    }

    /** How many jobs of {@code team} wait for their window (held or paused), for the per-team cap. */
    public long waiting(String team) {
        return jobs.count(team, JobState.HELD, JobState.PAUSED);
    }

    public List<Job> list(int limit) {
        return jobs.list(limit);
    }

    /** One page of jobs, newest first. */
    public List<Job> list(int limit, int offset) {
        return jobs.list(limit, offset);
    }

    public Job get(String id) {
        return jobs.get(id);
    }

    public List<JobEvent> events(String id) {
        jobs.get(id);
        return jobs.events(id);
    }

    /** How far the job's training got, as its trainer last reported; empty before it first ran. */
    public Optional<TrainingProgress> progress(String id) {
        return dirs == null ? Optional.empty() : ProgressFile.read(dirs.of(id));
    }

    /** The trainer's output of each segment run so far, oldest first (see {@link TrainerLogs}). */
    public TrainerLogs logs(String id) {
        jobs.get(id);
        return new TrainerLogs(dirs == null ? null : dirs.of(id));
    }

    public Optional<StoredPlan> plan(String id) {
        return jobs.plan(id);
    }

    public List<ScheduledRelease> scheduled(String id) {
        return releases.scheduled(id);
    }

    /** Cancels a job that has not finished; a running one is stopped and its energy so far still accounted. */
    public Job cancel(String id) {
        return cancel(id, null);
    }

    /** As {@link #cancel(String)}, recording who asked ({@code cancelledBy}, null: unknown) in the reason and the job. */
    public Job cancel(String id, String cancelledBy) {
        Job job = jobs.get(id);
        Instant now = clock.instant();
        Reason reason = Reason.of(ReasonCode.CANCELLED, now).with("by", cancelledBy)
                .with("running", job.state() == JobState.RUNNING);
        if (!jobs.cancel(id, job.state(), reason, cancelledBy, now)) {
            return cancel(id, cancelledBy); // its state moved meanwhile: decide again on the new one
        }
        releases.unscheduleAll(id);
        runner.cancel(id);
        return jobs.get(id);
    }
}
