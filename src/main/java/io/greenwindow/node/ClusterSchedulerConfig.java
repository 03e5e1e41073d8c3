package io.greenwindow.node;

import java.time.Duration;

/**
 * How this node joins the cluster's scheduler. {@code schedulerName}: one name for every node of a cluster (the
 * nodes sharing a database and this name share the work); {@code nodeName}: this node, unique in the cluster;
 * {@code checkinEvery}: how often a node tells the others it lives (one that misses about two of these is taken as
 * dead and what it was running may be fired on another node).
 */
public record ClusterSchedulerConfig(String schedulerName, String nodeName, Duration checkinEvery) {
    public static final String DEFAULT_SCHEDULER_NAME = "greenwindow";
    /** Quartz's own default check-in interval. */
    public static final Duration DEFAULT_CHECKIN = Duration.ofMillis(7500);

    public ClusterSchedulerConfig {
        if (schedulerName == null || schedulerName.isBlank() || schedulerName.length() > 120) {
            throw new IllegalArgumentException("Scheduler name '" + schedulerName + "' must have 1 to 120 characters");
        }
        if (nodeName == null || nodeName.isBlank() || nodeName.length() > 200) {
            throw new IllegalArgumentException("Node name '" + nodeName + "' must have 1 to 200 characters");
        }
        if (checkinEvery == null || checkinEvery.toMillis() < 1) {
            throw new IllegalArgumentException("Check-in interval " + checkinEvery + " must be positive");
        }
    }

    public static ClusterSchedulerConfig forNode(String nodeName) {
        return new ClusterSchedulerConfig(DEFAULT_SCHEDULER_NAME, nodeName, DEFAULT_CHECKIN);
    }
}
