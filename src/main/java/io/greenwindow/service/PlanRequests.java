package io.greenwindow.service;

import io.greenwindow.job.Job;
import io.greenwindow.plan.PlanRequest;

/** What the planner is told about a job. */
final class PlanRequests {
    private PlanRequests() {
    }

    static PlanRequest of(Job job) {
        return new PlanRequest(job.id(), job.team(), job.submittedAt(), job.deadline(), job.estimatedDuration(),
                job.zones(), job.gpus(), job.interruptible(), job.priority(), job.urgent());
    }
}
