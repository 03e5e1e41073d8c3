package io.greenwindow.energy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** All meters' cumulative readings at one instant. */
public record EnergySample(Instant at, List<MeterReading> readings) {
    public EnergySample {
        Objects.requireNonNull(at, "at");
        readings = List.copyOf(readings);
    }
}
