package io.greenwindow.plan;

import java.util.Arrays;

/**
 * The clairvoyant optimum of one job on a known curve: what perfect foresight, no capacity limit and no pause cost
 * allow. Contiguous: the best window at any start (not only on the grid). Interruptible: the cheapest run time,
 * the dearest slot taken in part, which is the LP optimum and so a lower bound on any real plan.
 */
public final class Optimum {

    private Optimum() {
    }

    /** The best contiguous window's [start, end) inside [from, latestEnd], or null when none fits the curve. */
    public static long[] contiguous(IntensityCurve curve, long from, long latestEnd, long duration) {
        WindowSearch.Window w = WindowSearch.best(curve, SlotMask.allUsable(curve), from, latestEnd, duration, true);
        return w == null ? null : new long[] {w.start(), w.end()};
    }

    /** The least integral of any {@code duration} seconds inside [from, latestEnd], or NaN when they do not fit. */
    public static double interruptibleIntegral(IntensityCurve curve, long from, long latestEnd, long duration) {
        long limit = Math.min(latestEnd, curve.end());
        int lo = Math.max(0, curve.slotOf(Math.max(from, curve.start())));
        int hi = Math.min(curve.size(), curve.slotOf(limit - 1) + 1);
        if (hi <= lo) {
            return Double.NaN;
        }
        long[][] pieces = new long[hi - lo][];
        for (int k = lo; k < hi; k++) {
            long a = Math.max(from, curve.slotStart(k));
            long b = Math.min(limit, curve.slotStart(k + 1));
            pieces[k - lo] = new long[] {k, Math.max(0, b - a)};
        }
        Arrays.sort(pieces, (x, y) -> Double.compare(curve.value((int) x[0]), curve.value((int) y[0])));
        double integral = 0;
        long left = duration;
        for (long[] p : pieces) {
            long take = Math.min(left, p[1]);
            integral += take * curve.value((int) p[0]);
            left -= take;
            if (left == 0) {
                return integral;
            }
        }
        return Double.NaN;
    }
}
