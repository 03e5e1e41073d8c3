package io.greenwindow.plan.sim;

import io.greenwindow.plan.IntensityCurve;
import java.time.Instant;

/**
 * A recorded intensity series on a fixed step (epoch seconds), as read from a trace file. {@code filledSlots}
 * counts the slots we filled (gaps carried forward, or a coarser step split onto the finer one).
 */
public record Trace(String zone, String source, long start, long step, double[] values, int filledSlots) {

    public Trace {
        if (step <= 0) {
            throw new IllegalArgumentException("Step " + step + " s of trace " + zone + " must be positive");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException("Trace " + zone + " from " + source + " has no values");
        }
    }

    public long end() {
        return start + step * values.length;
    }

    public IntensityCurve curve() {
        return new IntensityCurve(start, step, values);
    }

    public double mean() {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The same trace with other values (a noisy forecast of it). */
    public Trace withValues(double[] other, String newSource) {
        return new Trace(zone, newSource, start, step, other, filledSlots);
    }

    public Instant startInstant() {
        return Instant.ofEpochSecond(start);
    }
}
