package io.greenwindow.plan;

/**
 * A forecast with a known error, smoothed for ranking slots. Grid intensity moves smoothly from one interval to
 * the next while a forecast's error, in the simulator's noise model, is independent per interval; the cheapest
 * single slots of a noisy forecast are then often slots whose error happened to be low. The estimate
 * {@code y[t] + w (y[t-1] - 2 y[t] + y[t+1])} has the least mean squared error over symmetric three-point
 * filters when {@code w = 2 σ² / Var(second difference of y)}: the variance of the second difference of the
 * forecast is that of the true curve plus {@code 6 σ²}, so the weight comes from the forecast and σ alone, never
 * from the truth. With σ = 0 the curve is returned as it is, so perfect forecasts plan exactly as before.
 */
final class ForecastSmoothing {

    /** Beyond 1/3 the filter weighs the neighbours above the point itself. */
    static final double MAX_WEIGHT = 1.0 / 3;

    private ForecastSmoothing() {
    }

    static IntensityCurve smoothed(IntensityCurve curve, double sigma) {
        int n = curve.size();
        if (!(sigma > 0) || n < 3) {
            return curve;
        }
        double w = weight(curve, sigma);
        double[] v = new double[n];
        for (int t = 0; t < n; t++) {
            double y = curve.value(t);
            double left = t > 0 ? curve.value(t - 1) : y;
            double right = t + 1 < n ? curve.value(t + 1) : y;
            // At an edge the missing neighbour is the point itself, so the weight falls on the one neighbour left.
            v[t] = y + w * (left - 2 * y + right);
        }
        return new IntensityCurve(curve.start(), curve.step(), v);
    }

    static double weight(IntensityCurve curve, double sigma) {
        int n = curve.size();
        double sum = 0;
        double sumSq = 0;
        for (int t = 1; t + 1 < n; t++) {
            double d2 = curve.value(t - 1) - 2 * curve.value(t) + curve.value(t + 1);
            sum += d2;
            sumSq += d2 * d2;
        }
        int m = n - 2;
        double variance = sumSq / m - (sum / m) * (sum / m);
        if (!(variance > 0)) {
            return MAX_WEIGHT;
        }
        return Math.min(MAX_WEIGHT, 2 * sigma * sigma / variance);
    }
}
