package io.greenwindow.plan.sim;

/**
 * The clairvoyant optimum of one job on a recorded trace, computed without any of the planner's code (no
 * {@code IntensityCurve}, no window or slot search), so that a blind spot of the planner cannot hide in its own
 * yardstick. Perfect foresight, no capacity limit, no pause cost.
 *
 * <p>Contiguous: every whole-second start from the submission to the latest start is tried, the window's integral
 * carried from one second to the next (add the second entering at the end, drop the one leaving at the start).
 * Traces, submissions, durations and deadlines are whole seconds, so the intensity is constant within each
 * second: this is the exact optimum over every start a planner can choose, by exhaustion rather than by an
 * argument about where the optimum lies.
 *
 * <p>Interruptible: the least integral of any {@code duration} seconds inside [from, latestEnd), found as a price
 * level: the lowest intensity v at which the seconds priced at or below v cover the run time; every second below
 * v is taken and the rest at v. (Any schedule taking a dearer second while a cheaper one is free can swap them.)
 */
final class ClairvoyantOptimum {

    private ClairvoyantOptimum() {
    }

    /** The least integral ((g/kWh)·s) of a contiguous run, or NaN when no run fits inside the trace and window. */
    static double contiguous(Trace t, long from, long latestEnd, long duration) {
        long first = Math.max(from, t.start());
        long last = Math.min(latestEnd, t.end()) - duration;
        if (last < first || duration <= 0) {
            return Double.NaN;
        }
        double[] v = t.values();
        double window = 0;
        for (int k = slot(t, first); k < v.length && t.start() + k * t.step() < first + duration; k++) {
            window += v[k] * overlap(t, k, first, first + duration);
        }
        double best = window;
        // Moving the start from s - 1 to s: second s - 1 leaves, second s - 1 + duration enters. Each pointer walks
        // its slot with a countdown to the next boundary (no division per second: this loop runs ~10^9 times).
        long entering = first + duration;
        int in = slot(t, entering);
        long inLeft = t.start() + (in + 1) * t.step() - entering;
        int out = slot(t, first);
        long outLeft = t.start() + (out + 1) * t.step() - first;
        for (long s = first + 1; s <= last; s++) {
            window += v[in] - v[out];
            if (window < best) {
                best = window;
            }
            if (--inLeft == 0) {
                in++;
                inLeft = t.step();
            }
            if (--outLeft == 0) {
                out++;
                outLeft = t.step();
            }
        }
        return best;
    }

    /** The least integral ((g/kWh)·s) of {@code duration} seconds in any pieces, or NaN when they do not fit. */
    static double interruptible(Trace t, long from, long latestEnd, long duration) {
        long a = Math.max(from, t.start());
        long b = Math.min(latestEnd, t.end());
        if (b - a < duration || duration <= 0) {
            return Double.NaN;
        }
        int lo = (int) ((a - t.start()) / t.step());
        int hi = (int) ((b - 1 - t.start()) / t.step()) + 1;
        double level = Double.POSITIVE_INFINITY;
        for (int k = lo; k < hi; k++) {
            double v = t.values()[k];
            if (v < level && secondsPricedAtMost(t, lo, hi, a, b, v) >= duration) {
                level = v;
            }
        }
        double integral = 0;
        long taken = 0;
        for (int k = lo; k < hi; k++) {
            double v = t.values()[k];
            if (v < level) {
                long n = overlap(t, k, a, b);
                integral += v * n;
                taken += n;
            }
        }
        return integral + (duration - taken) * level;
    }

    private static long secondsPricedAtMost(Trace t, int lo, int hi, long a, long b, double v) {
        long n = 0;
        for (int k = lo; k < hi; k++) {
            if (t.values()[k] <= v) {
                n += overlap(t, k, a, b);
            }
        }
        return n;
    }

    private static long overlap(Trace t, int k, long a, long b) {
        long slotStart = t.start() + k * t.step();
        return Math.max(0, Math.min(b, slotStart + t.step()) - Math.max(a, slotStart));
    }

    private static int slot(Trace t, long second) {
        return (int) ((second - t.start()) / t.step());
    }
}
