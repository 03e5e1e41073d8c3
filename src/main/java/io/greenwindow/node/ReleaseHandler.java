package io.greenwindow.node;

/**
 * Called when a release or pause falls due. Implementations return quickly (training runs elsewhere) and must
 * tolerate one that comes late (after a restart: a missed one is handed over at once).
 */
@FunctionalInterface
public interface ReleaseHandler {
    void fire(ReleaseAction action, String jobId, int segment);

    /**
     * Whether this node takes it now (a free job slot and the GPUs for a release; the job running here for a
     * pause). One not taken stays queued for another node, or for this one once it has room.
     */
    default boolean canTake(ReleaseAction action, String jobId, int segment, int gpus) {
        return true;
    }
}
