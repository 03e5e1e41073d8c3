package io.greenwindow.service;

import io.greenwindow.job.Job;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.node.ReleaseAction;
import io.greenwindow.node.ReleaseScheduler;
import io.greenwindow.plan.Plan;
import io.greenwindow.plan.PlannedSegment;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Turns a plan into what the service does: the plan stored, the job HELD with the plan's reason, and one release
 * trigger per segment start (plus a pause trigger at each segment end but the last).
 */
public final class PlanScheduling {

    private final JobRepository jobs;
    private final ReleaseScheduler releases;
    private final Clock clock;
    private final BiConsumer<Job, StoredPlan> planned;

    public PlanScheduling(JobRepository jobs, ReleaseScheduler releases, Clock clock) {
        this(jobs, releases, clock, (job, plan) -> { });
    }

    /** @param planned told of every plan stored, after its triggers (an executor that queues jobs elsewhere) */
    public PlanScheduling(JobRepository jobs, ReleaseScheduler releases, Clock clock,
            BiConsumer<Job, StoredPlan> planned) {
        this.jobs = jobs;
        this.releases = releases;
        this.clock = clock;
        this.planned = planned;
    }

    /** Stores {@code plan} for a job now in {@code from} (SUBMITTED, HELD or PAUSED) and schedules its triggers. */
    public void apply(Job job, JobState from, Plan plan) {
        Instant now = clock.instant();
        List<PlannedSegment> segments = plan.segments();
        StoredPlan stored = new StoredPlan(job.id(), plan.decision().name(), plan.zone(),
                segments.stream().map(s -> new StoredPlan.Segment(s.zone(), s.start(), s.end())).toList(),
                plan.expectedGPerKwh(), plan.nowGPerKwh(), plan.expectedSavingFraction(), plan.reason(),
                plan.policy(), now);
        jobs.savePlan(stored);
        JobState to = from == JobState.PAUSED ? JobState.PAUSED : JobState.HELD;
        jobs.transition(job.id(), from, to, plan.reason(), now);
        releases.unscheduleAll(job.id());
        int done = job.segmentsRun();
        for (int i = 0; i < segments.size(); i++) {
            PlannedSegment s = segments.get(i);
            releases.schedule(job.id(), ReleaseAction.RELEASE, done + i, s.start());
            if (i < segments.size() - 1) {
                releases.schedule(job.id(), ReleaseAction.PAUSE, done + i, s.end());
            }
        }
        planned.accept(jobs.get(job.id()), stored);
    }
}
