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

    /**
     * Observations from point times that mark interval starts (the usual provider shape): each lasts until the
     * next point's time, the last as long as the one before it ({@code fallback} when there is only one). A jump
     * between points larger than the common spacing is a gap in the data, not one long interval.
     */
    public static java.util.List<Observation> fromStarts(java.util.List<Instant> starts, java.util.List<Double> values,
                                                         Duration fallback) {
        java.util.List<Observation> out = new java.util.ArrayList<>();
        java.util.List<Duration> gaps = new java.util.ArrayList<>();
        for (int i = 1; i < starts.size(); i++) {
            Duration d = Duration.between(starts.get(i - 1), starts.get(i));
            if (!d.isNegative() && !d.isZero()) {
                gaps.add(d);
            }
        }
        Duration common = gaps.isEmpty() ? fallback : gaps.stream().min(Duration::compareTo).orElseThrow();
        for (int i = 0; i < starts.size(); i++) {
            out.add(new Observation(starts.get(i), common, values.get(i)));
        }
        return out;
    }
}
