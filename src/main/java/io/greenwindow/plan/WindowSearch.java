package io.greenwindow.plan;

/**
 * The greenest contiguous window: the start whose window [s, s + d) has the lowest time-weighted average
 * intensity (the Carbon Aware SDK's semantics), earliest on ties, ending no later than {@code latestEnd}.
 * Candidate starts are now and every forecast interval boundary after now ("windows on the forecast's grid").
 * With {@code endAligned}, windows that end on a boundary are candidates too: the integral is piecewise linear in
 * s, so its minimum lies where the start or the end meets a boundary, and these two sets together reach the
 * clairvoyant optimum, which the grid alone misses by up to one partial interval.
 */
final class WindowSearch {

    /** Relative tolerance under which two windows count as a tie (earliest wins): sums of floats differ in ulps. */
    static final double TIE = 1e-9;

    record Window(long start, long end, double integral, boolean laterStartExisted) {
        double average() {
            return integral / (end - start);
        }
    }

    private WindowSearch() {
    }

    /** The best window, or null when none fits inside the curve, the mask and [now, latestEnd]. */
    static Window best(IntensityCurve curve, SlotMask mask, long now, long latestEnd, long duration, boolean endAligned) {
        long limit = Math.min(latestEnd, curve.end());
        long bestStart = -1;
        double bestIntegral = Double.POSITIVE_INFINITY;
        boolean later = false;
        int first = Math.max(0, curve.slotOf(now) + 1);
        // Starts on the grid (and now).
        for (int k = first - 1; k < curve.size(); k++) {
            long s = k == first - 1 ? now : curve.slotStart(k);
            if (s < curve.start() || s + duration > limit) {
                if (s + duration > limit) {
                    break;
                }
                continue;
            }
            if (s > now) {
                later = true;
            }
            if (!mask.usable(s, s + duration)) {
                continue;
            }
            double integral = curve.integral(s, s + duration);
            if (bestStart < 0 || integral < bestIntegral - TIE * Math.abs(bestIntegral)) {
                bestIntegral = integral;
                bestStart = s;
            }
        }
        if (endAligned) {
            for (int k = 0; k <= curve.size(); k++) {
                long e = curve.slotStart(k);
                long s = e - duration;
                if (s <= now || s < curve.start() || (s - curve.start()) % curve.step() == 0) {
                    continue;
                }
                if (e > limit) {
                    break;
                }
                later = true;
                if (!mask.usable(s, e)) {
                    continue;
                }
                double integral = curve.integral(s, e);
                boolean tieEarlier = Math.abs(integral - bestIntegral) <= TIE * Math.abs(bestIntegral) && s < bestStart;
                if (bestStart < 0 || integral < bestIntegral - TIE * Math.abs(bestIntegral) || tieEarlier) {
                    bestIntegral = integral;
                    bestStart = s;
                }
            }
        }
        return bestStart < 0 ? null : new Window(bestStart, bestStart + duration, bestIntegral, later);
    }
}
