package io.greenwindow.service;

import io.greenwindow.job.Job;
import io.greenwindow.job.JobEvent;
import io.greenwindow.job.JobState;
import io.greenwindow.plan.PlanRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What the planner is told about a job. */
final class PlanRequests {

    /** A job that has run longer than its estimate still gets this share of it planned, not nothing. */
    private static final int LEAST_REMAINING_DIVISOR = 10;

    private PlanRequests() {
    }

    static PlanRequest of(Job job) {
        return of(job, job.estimatedDuration());
    }

    /** For a job that has already run some segments: plan only what its estimate says is left. */
    static PlanRequest remaining(Job job, List<JobEvent> events) {
        Duration ran = Duration.ZERO;
        Instant since = null;
        for (JobEvent e : events) {
            if (e.to() == JobState.RUNNING && since == null) {
                since = e.at();
            } else if (e.to() != JobState.RUNNING && since != null) {
                ran = ran.plus(Duration.between(since, e.at()));
                since = null;
            }
        }
        Duration estimate = job.estimatedDuration();
        Duration least = estimate.dividedBy(LEAST_REMAINING_DIVISOR);
        Duration left = estimate.minus(ran);
        return of(job, left.compareTo(least) < 0 ? least : left);
    }

    private static PlanRequest of(Job job, Duration duration) {
        return new PlanRequest(job.id(), job.team(), job.submittedAt(), job.deadline(), duration,
                job.zones(), job.gpus(), job.interruptible(), job.priority(), job.urgent());
    }
}
