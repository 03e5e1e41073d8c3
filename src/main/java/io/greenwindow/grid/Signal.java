package io.greenwindow.grid;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A time series of grid carbon intensity for one zone on a fixed step. History has no {@code generatedAt};
 * a forecast has the instant the provider generated it, so that plans can be scored against what was known.
 */
public record Signal(
        String zone,
        String source,
        SignalKind kind,
        EmissionScope scope,
        Duration step,
        Instant generatedAt,
        List<SignalPoint> points) {

    public Signal {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(step, "step");
        if (step.isZero() || step.isNegative()) {
            throw new IllegalArgumentException("Step " + step + " must be positive");
        }
        points = List.copyOf(points);
        for (int i = 1; i < points.size(); i++) {
            Duration gap = Duration.between(points.get(i - 1).start(), points.get(i).start());
            if (!gap.equals(step)) {
                throw new IllegalArgumentException("Points of " + zone + " must be " + step + " apart, but "
                        + points.get(i - 1).start() + " and " + points.get(i).start() + " are " + gap);
            }
        }
    }

    public boolean isForecast() {
        return generatedAt != null;
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }

    /** Start of the first interval. */
    public Instant start() {
        return points.isEmpty() ? null : points.get(0).start();
    }

    /** End of the last interval. */
    public Instant end() {
        return points.isEmpty() ? null : points.get(points.size() - 1).start().plus(step);
    }

    /** The intensity in force at {@code t}, or NaN when {@code t} lies outside the signal. */
    public double intensityAt(Instant t) {
        if (points.isEmpty() || t.isBefore(start()) || !t.isBefore(end())) {
            return Double.NaN;
        }
        long index = Duration.between(start(), t).toMillis() / step.toMillis();
        return points.get((int) index).gPerKwh();
    }
}
