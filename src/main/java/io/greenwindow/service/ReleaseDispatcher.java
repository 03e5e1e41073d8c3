package io.greenwindow.service;

import io.greenwindow.executor.Executor;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.node.ReleaseAction;
import io.greenwindow.node.ReleaseHandler;
import java.time.Clock;
import java.util.Locale;

/** What a fired trigger means for a job: run its next segment now, or pause it at the end of one. */
public final class ReleaseDispatcher implements ReleaseHandler {

    private final JobRepository jobs;
    private final Executor runner;
    private final Clock clock;

    public ReleaseDispatcher(JobRepository jobs, Executor runner, Clock clock) {
        this.jobs = jobs;
        this.runner = runner;
        this.clock = clock;
    }

    @Override
    public void fire(ReleaseAction action, String jobId, int segment) {
        switch (action) {
            case RELEASE -> runner.start(jobId, segment, releaseReason(jobId, segment));
            case PAUSE -> runner.pause(jobId);
        }
    }

    private String releaseReason(String jobId, int segment) {
        StringBuilder reason = new StringBuilder("released at ").append(Times.hhmm(clock.instant()));
        if (segment > 0) {
            reason.append(" (segment ").append(segment + 1).append(')');
        }
        jobs.plan(jobId).ifPresent(plan -> reason.append(describe(plan)));
        return reason.toString();
    }

    private static String describe(StoredPlan plan) {
        if ("RUN_NOW".equals(plan.decision())) {
            return ": planned to run at once in " + plan.zone();
        }
        return String.format(Locale.ROOT, ": planned window in %s, forecast %.0f g/kWh vs %.0f at submission",
                plan.zone(), plan.expectedGPerKwh(), plan.nowGPerKwh());
    }
}
