package io.greenwindow.node;

/**
 * Called when a trigger fires. Implementations return quickly (training runs elsewhere) and must tolerate a
 * trigger that fires twice or late (after a restart), since the job store fires missed triggers at once.
 */
@FunctionalInterface
public interface ReleaseHandler {
    void fire(ReleaseAction action, String jobId, int segment);
}
