package io.greenwindow.service;

import io.greenwindow.executor.Executor;
import io.greenwindow.executor.ZoneCapacity;
import io.greenwindow.job.Job;
import io.greenwindow.reason.Reason;

/** An executor that runs nothing, for tests of plans and decisions rather than of training; extend to count. */
class IdleExecutor implements Executor {

    @Override
    public void start(String jobId, int segment, Reason why) {
    }

    @Override
    public boolean pause(String jobId) {
        return false;
    }

    @Override
    public boolean cancel(String jobId) {
        return false;
    }

    @Override
    public boolean isRunning(String jobId) {
        return false;
    }

    @Override
    public int recoverOrphanedSegments(Job job) {
        return 0;
    }

    @Override
    public ZoneCapacity capacity() {
        return new ZoneCapacity("DE", 0, 1, "test");
    }

    @Override
    public void close() {
    }
}
