package io.greenwindow.node;

import java.time.Duration;

/**
 * How this node takes releases from the queue. {@code zone}: the zone whose releases it takes (null: any zone, for
 * a node that stands alone); {@code pollEvery}: how often it looks for releases that fell due.
 */
public record ReleaseSchedulerConfig(String zone, Duration pollEvery) {
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(1);

    public ReleaseSchedulerConfig {
        if (pollEvery == null || pollEvery.isNegative() || pollEvery.isZero()) {
            throw new IllegalArgumentException("Release poll interval " + pollEvery + " must be positive");
        }
    }

    /** Takes releases of every zone, looking once a second. */
    public static ReleaseSchedulerConfig defaults() {
        return new ReleaseSchedulerConfig(null, DEFAULT_POLL);
    }

    public static ReleaseSchedulerConfig forZone(String zone) {
        return new ReleaseSchedulerConfig(zone, DEFAULT_POLL);
    }
}
