package io.greenwindow.node;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Work meant to run once per cluster per interval (re-planning, ledger completion, the news watch), on whichever
 * node of the cluster takes its turn, never on two at once.
 *
 * @param name the work's name, unique in the cluster (it names the stored job and trigger)
 * @param every how often it runs; a node that finds another interval stored replaces it
 * @param task what runs, given the instant its turn was due
 */
public record ClusterWork(String name, Duration every, Task task) {

    public ClusterWork {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Cluster work needs a name, got '" + name + "'");
        }
        if (every == null || every.isNegative() || every.toMillis() < 1) {
            throw new IllegalArgumentException("Interval " + every + " of cluster work '" + name
                    + "' must be at least a millisecond");
        }
        Objects.requireNonNull(task, "task");
    }

    /** One turn of the work. */
    @FunctionalInterface
    public interface Task {
        /** @param due the instant this turn was scheduled for (wall time) */
        void run(Instant due);
    }
}
