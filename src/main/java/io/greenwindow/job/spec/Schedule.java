package io.greenwindow.job.spec;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The {@code schedule} section of a spec, with the deadline already resolved against the submission time.
 * {@code priority} orders jobs competing for capacity (higher first); {@code urgent} asks for the policy's override.
 */
public record Schedule(
        Instant deadline,
        Duration estimatedDuration,
        List<String> zones,
        int gpus,
        boolean interruptible,
        int priority,
        boolean urgent) {

    public Schedule {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(estimatedDuration, "estimatedDuration");
        zones = List.copyOf(zones);
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("A schedule needs at least one zone");
        }
        if (gpus < 0) {
            throw new IllegalArgumentException("GPUs " + gpus + " must be >= 0");
        }
    }
}
