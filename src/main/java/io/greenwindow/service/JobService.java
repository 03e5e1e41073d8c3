package io.greenwindow.service;

import io.greenwindow.executor.Executor;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobEvent;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.job.spec.JobSpec;
import io.greenwindow.job.spec.SpecParser;
import io.greenwindow.node.ReleaseScheduler;
import io.greenwindow.node.ScheduledRelease;
import io.greenwindow.plan.JobPlanner;
import io.greenwindow.plan.Plan;
import java.nio.file.Path;
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

    public JobService(JobRepository jobs, SpecParser parser, JobPlanner planner, PlanScheduling scheduling,
            ReleaseScheduler releases, Executor runner, Clock clock) {
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
        JobSpec spec = parser.parse(yaml, source, specDir, deadline);
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Job job = new Job(id, spec.name(), spec.kind(), spec.team(), JobState.SUBMITTED,
                "submitted at " + Times.hhmm(now), now, spec.schedule().deadline(),
                spec.schedule().estimatedDuration(), spec.schedule().zones(), spec.schedule().gpus(),
                spec.schedule().interruptible(), spec.schedule().priority(), spec.schedule().urgent(), source,
                spec.document(), null, null, null, null, null, 0, null, null, null, now);
        jobs.insert(job);
        Plan plan = planner.plan(PlanRequests.of(job));
        scheduling.apply(job, JobState.SUBMITTED, plan);
        return jobs.get(id);
    }

    public List<Job> list(int limit) {
        return jobs.list(limit);
    }

    public Job get(String id) {
        return jobs.get(id);
    }

    public List<JobEvent> events(String id) {
        jobs.get(id);
        return jobs.events(id);
    }

    public Optional<StoredPlan> plan(String id) {
        return jobs.plan(id);
    }

    public List<ScheduledRelease> scheduled(String id) {
        return releases.scheduled(id);
    }

    /** Cancels a job that has not finished; a running one is stopped and its energy so far still accounted. */
    public Job cancel(String id) {
        Job job = jobs.get(id);
        Instant now = clock.instant();
        String reason = "cancelled at " + Times.hhmm(now) + " by request"
                + (job.state() == JobState.RUNNING ? " while running (energy so far is in the ledger)" : "");
        if (!jobs.transition(id, job.state(), JobState.CANCELLED, reason, now)) {
            return cancel(id); // its state moved meanwhile: decide again on the new one
        }
        releases.unscheduleAll(id);
        runner.cancel(id);
        return jobs.get(id);
    }
}
