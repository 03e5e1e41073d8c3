package io.greenwindow.executor;

import io.greenwindow.job.Job;
import io.greenwindow.node.NodeProfile;
import io.greenwindow.service.JobRunner;

/** The embedded default: segments run as child JVMs on this node, through {@link JobRunner} as it is. */
public final class LocalExecutor implements Executor {

    private final JobRunner runner;
    private final NodeProfile node;

    public LocalExecutor(JobRunner runner, NodeProfile node) {
        this.runner = runner;
        this.node = node;
    }

    @Override
    public void start(String jobId, int segment, io.greenwindow.reason.Reason why) {
        runner.start(jobId, segment, why);
    }

    @Override
    public boolean pause(String jobId) {
        return runner.pause(jobId);
    }

    @Override
    public boolean cancel(String jobId) {
        return runner.kill(jobId);
    }

    @Override
    public boolean isRunning(String jobId) {
        return runner.isRunning(jobId);
    }

    @Override
    public int recoverOrphanedSegments(Job job) {
        return runner.recoverOrphanedSegments(job);
    }

    @Override
    public boolean hasRoom(int gpus) {
        return runner.hasRoom(gpus);
    }

    @Override
    public void onSlotFreed(Runnable poke) {
        runner.onSlotFreed(poke);
    }

    @Override
    public boolean recordMissingJobEntry(Job job) {
        return runner.recordMissingJobEntry(job);
    }

    @Override
    public int accountUnreportedEnergy() {
        return runner.accountUnreportedEnergy();
    }

    @Override
    public ZoneCapacity capacity() {
        return new ZoneCapacity(node.zone(), node.usableGpus().size(), node.cpuCores(), "node " + node.name());
    }

    @Override
    public void close() {
        runner.close();
    }
}
