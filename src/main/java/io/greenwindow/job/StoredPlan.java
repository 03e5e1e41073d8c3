package io.greenwindow.job;

import java.time.Instant;
import java.util.List;

/**
 * The plan a job is held on, as stored: decision (HOLD or RUN_NOW), zone and segments, the expected and current
 * intensities, the saving expected and the reason and policy behind it.
 */
public record StoredPlan(
        String jobId,
        String decision,
        String zone,
        List<Segment> segments,
        double expectedGPerKwh,
        double nowGPerKwh,
        double expectedSaving,
        String reason,
        String policy,
        Instant plannedAt) {

    public StoredPlan {
        segments = List.copyOf(segments);
    }

    /** One planned stretch of running in {@code zone}. */
    public record Segment(String zone, Instant start, Instant end) {
    }

    public Instant start() {
        return segments.isEmpty() ? null : segments.get(0).start();
    }
}
