package io.greenwindow.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** One continuous stretch of planned run time in one zone, [start, end). */
public record PlannedSegment(String zone, Instant start, Instant end) {
    public PlannedSegment {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("Segment end " + end + " must be after its start " + start);
        }
    }

    public Duration length() {
        return Duration.between(start, end);
    }
}
