package io.greenwindow.plan.sim;

import java.util.Random;

/**
 * Forecasts as providers issue them: a new one every hour, exact for the hour it is issued in and worse the further
 * ahead it looks. Its value for a slot L hours ahead is the true value × (1 + e_L), where e is an AR(1) process over
 * lead time, e_0 = 0 and e_L = φ·e_(L-1) + s·z_L with z_L standard normal, φ = {@value #PHI} per hour, a fresh path
 * for every issue and zone (seeded by seed, zone and issue time, so a re-run repeats it).
 *
 * <p>Scale, by hand: e_L = s·Σ_(i=0..L-1) φ^i·z_(L-i), so Var(e_L) = s²·Σ φ^(2i) = s²·(1 − φ^(2L)) / (1 − φ²). Asking
 * sd(e_24) = E gives s = E·√((1 − φ²) / (1 − φ^48)); with φ = 0.95, 1 − φ² = 0.0975 and φ^48 = 0.0853, so
 * s = E·√(0.0975 / 0.9147) = 0.3265·E (0.03265 for E = 0.10). Beyond 24 h the error keeps growing towards
 * s / √(1 − φ²) = 1.046·E.
 *
 * <p>On a trace finer than an hour the same process is sampled every step of Δ hours: φ_Δ = φ^Δ and innovations of
 * variance s²·(1 − φ_Δ²) / (1 − φ²), which keeps Var(e_L) = s²·(1 − φ^(2L)) / (1 − φ²) at every lead on the grid.
 *
 * @param errorAt24h E, the standard deviation of the relative error 24 h ahead (0 = perfect, but re-planned hourly)
 */
public record RollingForecast(double errorAt24h, long seed) {

    public static final double PHI = 0.95;
    public static final long ISSUE_EVERY_SECONDS = 3600;

    public RollingForecast {
        if (!(errorAt24h >= 0 && errorAt24h < 10)) {
            throw new IllegalArgumentException("Rolling forecast error " + errorAt24h + " must be a fraction >= 0, e.g. 0.10");
        }
    }

    /** s, the innovation scale per hour. */
    public double innovationScale() {
        return errorAt24h * Math.sqrt((1 - PHI * PHI) / (1 - Math.pow(PHI, 48)));
    }

    /** The relative errors e_0 .. e_(n-1) of one issue, one per trace step ahead of the issue's slot. */
    double[] errors(String zone, long issueEpochSecond, long stepSeconds, int n) {
        double[] e = new double[n];
        if (errorAt24h == 0 || n == 0) {
            return e;
        }
        double hours = stepSeconds / 3600.0;
        double phiStep = Math.pow(PHI, hours);
        double s = innovationScale();
        double innovation = s * Math.sqrt((1 - phiStep * phiStep) / (1 - PHI * PHI));
        Random random = new Random(seed * 1_000_003L ^ zone.hashCode() * 31L ^ issueEpochSecond);
        for (int i = 1; i < n; i++) {
            e[i] = phiStep * e[i - 1] + innovation * random.nextGaussian();
        }
        return e;
    }

    String label() {
        return "rolling:" + errorAt24h + ":" + seed;
    }
}
