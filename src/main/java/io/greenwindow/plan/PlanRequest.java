package io.greenwindow.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the planner needs to know about one held job. {@code zones} lists where it may run, the first being its
 * home zone (where it runs when nothing is shifted, and against which savings are counted).
 */
public record PlanRequest(
        String jobId,
        String team,
        Instant submittedAt,
        Instant deadline,
        Duration duration,
        List<String> zones,
        int gpus,
        boolean interruptible,
        int priority,
        boolean urgent) {

    public PlanRequest {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(submittedAt, "submittedAt of " + jobId);
        Objects.requireNonNull(deadline, "deadline of " + jobId);
        Objects.requireNonNull(duration, "duration of " + jobId);
        team = team == null ? "" : team;
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("Duration " + duration + " of job " + jobId + " must be positive");
        }
        if (deadline.isBefore(submittedAt)) {
            throw new IllegalArgumentException("Deadline " + deadline + " of job " + jobId
                    + " must not be before its submission " + submittedAt);
        }
        if (zones == null || zones.isEmpty()) {
            throw new IllegalArgumentException("Job " + jobId + " must name at least one zone");
        }
        zones = List.copyOf(zones);
        if (gpus < 0) {
            throw new IllegalArgumentException("GPUs " + gpus + " of job " + jobId + " must be >= 0");
        }
    }

    public String homeZone() {
        return zones.get(0);
    }
}
