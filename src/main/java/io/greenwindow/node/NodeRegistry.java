package io.greenwindow.node;

import java.time.Instant;
import java.util.List;

/**
 * The nodes of a cluster, what each offers and when each was last seen, so that the living can take over the work
 * of the dead and the planner counts only capacity that exists.
 */
public interface NodeRegistry {

    /** Records that {@code node} is alive now (inserting it the first time), with one job slot and no GPU. */
    default void heartbeat(String node, String zone, Instant at) {
        heartbeat(node, zone, 1, 0, at);
    }

    /** Records that {@code node} is alive now and offers {@code slots} job slots and {@code gpus} usable GPUs. */
    void heartbeat(String node, String zone, int slots, int gpus, Instant at);

    /** Nodes last seen before {@code before}, with when. */
    List<NodeSeen> silentSince(Instant before);

    /** Nodes seen at or after {@code since}: the cluster's live capacity. */
    List<LiveNode> liveSince(Instant since);

    /** A node and the last time it answered. */
    record NodeSeen(String name, String zone, Instant lastSeen) {
    }

    /** A live node and what it offers. */
    record LiveNode(String name, String zone, int slots, int gpus) {
        public LiveNode {
            if (slots < 0 || gpus < 0) {
                throw new IllegalArgumentException("Node " + name + " slots " + slots + " and GPUs " + gpus
                        + " must be >= 0");
            }
        }
    }
}
