package io.greenwindow.grid;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One value as a provider gave it, before normalisation: an interval of any length and a g/kWh value, or null
 * where the provider said it does not know (Electricity Maps' {@code carbonIntensity: null}). A null is never
 * turned into a number here; {@link Resampler} fills it visibly.
 */
public record Observation(Instant start, Duration length, Double gPerKwh) {
    public Observation {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(length, "length");
        if (length.isZero() || length.isNegative()) {
            throw new IllegalArgumentException("Length " + length + " of the observation at " + start + " must be positive");
        }
        if (gPerKwh != null && (!Double.isFinite(gPerKwh) || gPerKwh < 0)) {
            throw new IllegalArgumentException("Intensity " + gPerKwh + " g/kWh at " + start + " must be finite and >= 0");
        }
    }

    public Instant end() {
        return start.plus(length);
    }
}
