package io.greenwindow.plan;

/**
 * A forecast with a known error, smoothed for ranking slots. Grid intensity moves smoothly from one interval to
 * the next while a forecast's error, in the simulator's noise model, is independent per interval; the cheapest
 * single slots of a noisy forecast are then often slots whose error happened to be low. Candidates: the forecast
 * itself and up to {@link #MAX_PASSES} passes of a three-point moving average (an edge slot, lacking a
 * neighbour, counts itself twice). The one kept has the least Stein's unbiased risk estimate,
 * {@code |y - Sy|² - n σ² + 2 σ² tr(S)}: an unbiased estimate of its mean squared error against the true curve
 * that needs only the forecast and σ, never the truth. With σ = 0 the forecast is returned as it is, so perfect
 * forecasts plan exactly as before.
 */
final class ForecastSmoothing {

    static final int MAX_PASSES = 4;

    /** The centre weight of p passes of (1, 1, 1) / 3: central trinomial coefficients over 3^p. */
    private static final double[] CENTRE = {1, 1 / 3.0, 3 / 9.0, 7 / 27.0, 19 / 81.0};

    private ForecastSmoothing() {
    }

    static IntensityCurve smoothed(IntensityCurve curve, double sigma) {
        int n = curve.size();
        if (!(sigma > 0) || n < 3) {
            return curve;
        }
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = curve.value(t);
        }
        double variance = sigma * sigma;
        double[] best = y;
        double bestRisk = -n * variance + 2 * variance * n; // the forecast itself: no residual, tr(I) = n
        double[] current = y;
        for (int p = 1; p <= MAX_PASSES; p++) {
            current = pass(current);
            double risk = squaredDistance(y, current) - n * variance + 2 * variance * trace(n, p);
            if (risk < bestRisk) {
                bestRisk = risk;
                best = current;
            }
        }
        return best == y ? curve : new IntensityCurve(curve.start(), curve.step(), best);
    }

    static double[] pass(double[] y) {
        int n = y.length;
        double[] v = new double[n];
        for (int t = 0; t < n; t++) {
            double left = t > 0 ? y[t - 1] : y[t];
            double right = t + 1 < n ? y[t + 1] : y[t];
            v[t] = (left + y[t] + right) / 3;
        }
        return v;
    }

    /** tr(S^p): the centre weight inside, and the weight of each slot on itself near the edges, where it differs. */
    static double trace(int n, int p) {
        double sum = 0;
        for (int t = 0; t < n; t++) {
            if (t >= p && t < n - p) {
                sum += CENTRE[p];
                continue;
            }
            double[] e = new double[n];
            e[t] = 1;
            for (int q = 0; q < p; q++) {
                e = pass(e);
            }
            sum += e[t];
        }
        return sum;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return sum;
    }
}
