package io.greenwindow.plan;

/**
 * The greenest contiguous window: the start whose window [s, s + d) has the lowest time-weighted average
 * intensity (the Carbon Aware SDK's semantics), earliest on ties, ending no later than {@code latestEnd}.
 * Candidate starts are now and every forecast interval boundary after now ("windows on the forecast's grid").
 * With {@code endAligned}, windows that end on a boundary are candidates too, and so is the latest start
 * ({@code latestEnd - d}): the integral is piecewise linear in s, so its minimum over the feasible starts
 * [now, latestEnd - d] lies where the start or the end meets a boundary, or at either end of that range. Now is
 * always tried; the latest start matters when the deadline is off the grid (the window then ends at the
 * deadline, on no boundary). These sets together reach the clairvoyant optimum, which the grid alone misses by up
 * to one partial interval.
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
        if (endAligned) {
            // The other end of the feasible range: a later start than every boundary-aligned one when the limit is
            // off the grid. It is the latest start, so it wins only when strictly better (earliest on ties).
            long s = limit - duration;
            if (s > now && s >= curve.start()) {
                later = true;
            }
            if (s > now && s >= curve.start() && s != bestStart && mask.usable(s, limit)) {
                double integral = curve.integral(s, limit);
                if (bestStart < 0 || integral < bestIntegral - TIE * Math.abs(bestIntegral)) {
                    bestIntegral = integral;
                    bestStart = s;
                }
            }
        }
        return bestStart < 0 ? null : new Window(bestStart, bestStart + duration, bestIntegral, later);
    }
}
