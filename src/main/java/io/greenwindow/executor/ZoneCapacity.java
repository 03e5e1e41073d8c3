package io.greenwindow.executor;

import java.util.Objects;

/**
 * What an executor offers the planner in one zone: GPUs and CPU cores free for greenwindow's jobs (for a Slurm
 * partition: its nodes' totals less what other users' running jobs hold), and where the figure came from.
 */
public record ZoneCapacity(String zone, int gpus, int cpus, String source) {

    public ZoneCapacity {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(source, "source");
        if (gpus < 0 || cpus < 0) {
            throw new IllegalArgumentException("Capacity of zone " + zone + ": GPUs " + gpus + " and CPUs " + cpus
                    + " must be >= 0");
        }
    }
}
