package io.greenwindow.grid;

/** Unit conversions into g/kWh, the only unit a {@link Signal} carries. */
public final class Units {

    /** Grams in one avoirdupois pound (exact by the 1959 international yard and pound agreement). */
    public static final double GRAMS_PER_POUND = 453.59237;

    private Units() {
    }

    /** lbs/MWh (WattTime) → g/kWh: × 453.59237 g/lb ÷ 1000 kWh/MWh = × 0.45359237. */
    public static double lbsPerMwhToGPerKwh(double lbsPerMwh) {
        return lbsPerMwh * GRAMS_PER_POUND / 1000.0;
    }
}
