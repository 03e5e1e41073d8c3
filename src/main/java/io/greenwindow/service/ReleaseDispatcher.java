package io.greenwindow.service;

import io.greenwindow.executor.Executor;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.node.ReleaseAction;
import io.greenwindow.node.ReleaseHandler;
import io.greenwindow.reason.Reason;
import io.greenwindow.reason.ReasonCode;
import java.time.Clock;

/** What a fired trigger means for a job: run its next segment now, or pause it at the end of one. */
public final class ReleaseDispatcher implements ReleaseHandler {

    private final JobRepository jobs;
    private final Executor runner;
    private final Clock clock;
    private final NodeFit fit;

    public ReleaseDispatcher(JobRepository jobs, Executor runner, Clock clock) {
        this(jobs, runner, clock, null);
    }

    /** @param fit which of the zone's nodes should take a release (null: this one whenever it has room) */
    public ReleaseDispatcher(JobRepository jobs, Executor runner, Clock clock, NodeFit fit) {
        this.jobs = jobs;
        this.runner = runner;
        this.clock = clock;
        this.fit = fit;
    }

    /**
     * A release is taken only with a free job slot and the GPUs here (the scheduler offers only releases of this
     * node's zone), by the node of the zone that {@link NodeFit} picks; a pause only by the node the job runs on, or by any node when the job no longer runs (it is
     * then dropped).
     */
    @Override
    public boolean canTake(ReleaseAction action, String jobId, int segment, int gpus) {
        return switch (action) {
            case RELEASE -> releasable(jobId, gpus);
            case PAUSE -> runner.isRunning(jobId)
                    || jobs.find(jobId).map(j -> j.state() != io.greenwindow.job.JobState.RUNNING).orElse(true);
        };
    }

    @Override
    public void fire(ReleaseAction action, String jobId, int segment) {
        switch (action) {
            case RELEASE -> {
                if (startable(jobId)) {
                    runner.start(jobId, segment, releaseReason(jobId, segment));
                }
            }
            case PAUSE -> runner.pause(jobId);
        }
    }

    /**
     * Only a held, paused or submitted job is started by a release: a running one is resumed by recovery or
     * takeover alone, so a stale release can never start it a second time on another node.
     */
    /**
     * A release waits while its job still runs (a pause that has not landed yet: the next segment follows it) or
     * while this node has no room; one for a finished or unknown job is taken and dropped.
     */
    private boolean releasable(String jobId, int gpus) {
        io.greenwindow.job.JobState state = jobs.find(jobId).map(io.greenwindow.job.Job::state).orElse(null);
        if (state == null || state.isFinal()) {
            return true;
        }
        return state != io.greenwindow.job.JobState.RUNNING && runner.hasRoom(gpus)
                && (fit == null || fit.shouldTake(gpus));
    }

    private boolean startable(String jobId) {
        return jobs.find(jobId).map(j -> j.state() == io.greenwindow.job.JobState.HELD
                || j.state() == io.greenwindow.job.JobState.PAUSED
                || j.state() == io.greenwindow.job.JobState.SUBMITTED).orElse(false);
    }

    private Reason releaseReason(String jobId, int segment) {
        Reason reason = Reason.of(ReasonCode.RELEASED, clock.instant()).with("segment", segment);
        StoredPlan plan = jobs.plan(jobId).orElse(null);
        return plan == null ? reason : reason.with("zone", plan.zone()).with("atOnce", plan.atOnce())
                .with("expected", plan.expectedGPerKwh()).with("nowAvg", plan.nowGPerKwh());
    }
}
