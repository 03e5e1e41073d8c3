package io.greenwindow.node;

/**
 * How the Quartz job store is set up. {@code clustered}: several service nodes on one PostgreSQL share triggers
 * and recover each other's; it needs the same {@code schedulerName} on every node.
 */
public record ReleaseSchedulerConfig(String schedulerName, boolean clustered, int threads) {
    public static final String DEFAULT_NAME = "greenwindow";

    public ReleaseSchedulerConfig {
        if (threads < 1) {
            throw new IllegalArgumentException("Release threads " + threads + " must be >= 1");
        }
    }

    public static ReleaseSchedulerConfig defaults() {
        return new ReleaseSchedulerConfig(DEFAULT_NAME, false, 2);
    }
}
