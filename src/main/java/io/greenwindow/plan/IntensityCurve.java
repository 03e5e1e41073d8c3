package io.greenwindow.plan;

import io.greenwindow.grid.Signal;
import java.time.Instant;

/**
 * A signal as arrays on epoch seconds, with a running integral so that the emissions of any stretch cost O(1):
 * the window search evaluates every candidate start of thousands of jobs, and a list of records would not do.
 * Integrals are in (g/kWh)·s; divide by the stretch's length for its time-weighted average.
 */
public final class IntensityCurve {

    private final long start;
    private final long step;
    private final double[] values;
    private final double[] cumulative;

    private int[] cheapestFirst;

    public IntensityCurve(long startEpochSecond, long stepSeconds, double[] values) {
        if (stepSeconds <= 0) {
            throw new IllegalArgumentException("Step " + stepSeconds + " s must be positive");
        }
        this.start = startEpochSecond;
        this.step = stepSeconds;
        this.values = values.clone();
        this.cumulative = new double[values.length + 1];
        for (int i = 0; i < values.length; i++) {
            cumulative[i + 1] = cumulative[i] + values[i] * stepSeconds;
        }
    }

    public static IntensityCurve of(Signal signal) {
        double[] v = new double[signal.points().size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = signal.points().get(i).gPerKwh();
        }
        long s = signal.isEmpty() ? 0 : signal.start().getEpochSecond();
        return new IntensityCurve(s, signal.step().getSeconds(), v);
    }

    public long start() {
        return start;
    }

    public long end() {
        return start + step * values.length;
    }

    public long step() {
        return step;
    }

    public int size() {
        return values.length;
    }

    public double value(int slot) {
        return values[slot];
    }

    public long slotStart(int slot) {
        return start + step * slot;
    }

    /** The slot holding second {@code t} (t may lie outside; the caller clamps). */
    public int slotOf(long t) {
        return (int) Math.floorDiv(t - start, step);
    }

    public boolean covers(long from, long to) {
        return from >= start && to <= end() && from <= to;
    }

    /** The intensity in force at second {@code t}, NaN outside the curve. */
    public double at(long t) {
        if (t < start || t >= end()) {
            return Double.NaN;
        }
        return values[slotOf(t)];
    }

    /** Integral of the intensity over [from, to), which must lie inside the curve. */
    public double integral(long from, long to) {
        return cumulativeAt(to) - cumulativeAt(from);
    }

    public double average(long from, long to) {
        return to > from ? integral(from, to) / (to - from) : at(from);
    }

    private double cumulativeAt(long t) {
        if (t <= start) {
            return 0;
        }
        if (t >= end()) {
            return cumulative[values.length];
        }
        int slot = slotOf(t);
        return cumulative[slot] + values[slot] * (t - slotStart(slot));
    }

    /**
     * Slot indices from the lowest intensity to the highest, earlier first on ties. Computed once per curve: every
     * interruptible job planned on it walks this order instead of sorting its own window again.
     */
    synchronized int[] cheapestFirst() {
        if (cheapestFirst == null) {
            Integer[] order = new Integer[values.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> a.equals(b) ? 0
                    : values[a] != values[b] ? Double.compare(values[a], values[b]) : Integer.compare(a, b));
            cheapestFirst = new int[values.length];
            for (int i = 0; i < order.length; i++) {
                cheapestFirst[i] = order[i];
            }
        }
        return cheapestFirst;
    }

    public static Instant instant(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond);
    }
}
