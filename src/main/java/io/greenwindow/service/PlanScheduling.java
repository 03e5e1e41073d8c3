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
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Turns a plan into what the service does: the plan stored, the job HELD with the plan's reason, and one release
 * trigger per segment start (plus a pause trigger at each segment end but the last).
 */
public final class PlanScheduling {

    private final JobRepository jobs;
    private final ReleaseScheduler releases;
    private final Clock clock;

    public PlanScheduling(JobRepository jobs, ReleaseScheduler releases, Clock clock) {
        this.jobs = jobs;
        this.releases = releases;
        this.clock = clock;
    }

    /** Stores {@code plan} for a job now in {@code from} (SUBMITTED, HELD or PAUSED) and schedules its triggers. */
    public void apply(Job job, JobState from, Plan plan) {
        Instant now = clock.instant();
        List<PlannedSegment> segments = plan.segments();
        jobs.savePlan(new StoredPlan(job.id(), plan.decision().name(), plan.zone(),
                segments.stream().map(s -> new StoredPlan.Segment(s.zone(), s.start(), s.end())).toList(),
                plan.expectedGPerKwh(), plan.nowGPerKwh(), plan.expectedSavingFraction(), plan.reason(),
                plan.policy(), now));
        JobState to = from == JobState.PAUSED ? JobState.PAUSED : JobState.HELD;
        jobs.transition(job.id(), from, to, stateReason(plan), now);
        releases.unscheduleAll(job.id());
        int done = job.segmentsRun();
        for (int i = 0; i < segments.size(); i++) {
            PlannedSegment s = segments.get(i);
            releases.schedule(job.id(), ReleaseAction.RELEASE, done + i, s.start());
            if (i < segments.size() - 1) {
                releases.schedule(job.id(), ReleaseAction.PAUSE, done + i, s.end());
            }
        }
    }

    /**
     * The job's reason while it waits for its release trigger. A run-now plan is HELD only until that trigger fires
     * a moment later, so its reason says "starting now" rather than "run now", which read next to HELD as a
     * contradiction; the stored plan keeps the decision's own words.
     */
    static String stateReason(Plan plan) {
        String reason = plan.reason();
        if (plan.decision() != Decision.RUN_NOW) {
            return reason;
        }
        return reason.startsWith("run now") ? "starting now" + reason.substring("run now".length())
                : "starting now: " + reason;
    }
}
