package io.greenwindow.grid;

import java.time.Instant;
import java.util.Objects;

/**
 * One interval of a signal: it starts at {@code start}, lasts the signal's step, and has {@code gPerKwh}.
 * {@code filled} marks a value that the provider did not give and that we filled (gap or resampling), so that
 * nobody mistakes it for data.
 */
public record SignalPoint(Instant start, double gPerKwh, boolean filled) {
    public SignalPoint {
        Objects.requireNonNull(start, "start");
        if (!Double.isFinite(gPerKwh) || gPerKwh < 0) {
            throw new IllegalArgumentException("Intensity " + gPerKwh + " g/kWh at " + start + " must be finite and >= 0");
        }
    }

    public static SignalPoint of(Instant start, double gPerKwh) {
        return new SignalPoint(start, gPerKwh, false);
    }
}
