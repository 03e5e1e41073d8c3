package io.greenwindow.node;

import java.time.Instant;
import java.util.List;

/** The nodes of a cluster and when each was last seen, so that the living can take over the work of the dead. */
public interface NodeRegistry {

    /** Records that {@code node} is alive now (inserting it the first time). */
    void heartbeat(String node, String zone, Instant at);

    /** Nodes last seen before {@code before}, with when. */
    List<NodeSeen> silentSince(Instant before);

    /** A node and the last time it answered. */
    record NodeSeen(String name, String zone, Instant lastSeen) {
    }
}
