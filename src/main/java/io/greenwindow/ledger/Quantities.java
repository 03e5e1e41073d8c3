package io.greenwindow.ledger;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Energy, carbon and durations as a person reads them: three significant figures in a unit chosen for the size
 * ({@code 41.2 Wh}, {@code 31.7 mgCO2e}, {@code 2.41 kgCO2e}). A CPU job of a few seconds uses micro- to
 * milli-kWh, which a fixed {@code %.4f kWh} shows as {@code 0.0000}. Only for tables, pages and sentences: the
 * machine formats (JSON, CSV, CodeCarbon) keep every digit in kWh and grams.
 */
public final class Quantities {

    /** A display unit: {@code name} and how many base units (kWh or g) one of it is. */
    public record Unit(String name, double perBase) {

        public double of(double base) {
            return base / perBase;
        }
    }

    /** Energy units by size, each as kWh per unit. */
    private static final Unit[] ENERGY = {new Unit("MWh", 1e3), new Unit("kWh", 1), new Unit("Wh", 1e-3),
            new Unit("mWh", 1e-6)};
    /** Carbon units by size, each as grams per unit. */
    private static final Unit[] CARBON = {new Unit("tCO2e", 1e6), new Unit("kgCO2e", 1e3), new Unit("gCO2e", 1),
            new Unit("mgCO2e", 1e-3)};

    private Quantities() {
    }

    /** {@code 0.0000412} kWh is {@code "41.2 mWh"}; {@code 3.17} is {@code "3.17 kWh"}. */
    public static String energy(double kwh) {
        return scaled(kwh, ENERGY, "kWh");
    }

    /** {@code 0.0317} g is {@code "31.7 mgCO2e"}; {@code 25506.2} is {@code "25.5 kgCO2e"}. */
    public static String carbon(double grams) {
        return scaled(grams, CARBON, "gCO2e");
    }

    /** As {@link #carbon(double)}, or {@code ifUnknown} for a figure that waits for history. */
    public static String carbon(Double grams, String ifUnknown) {
        return grams == null ? ifUnknown : carbon(grams);
    }

    /** The energy unit that shows {@code kwh} (say, a chart's largest bar) with one to three integer digits. */
    public static Unit energyUnit(double kwh) {
        return unitFor(kwh, ENERGY);
    }

    /** The carbon unit that shows {@code grams} with one to three integer digits. */
    public static Unit carbonUnit(double grams) {
        return unitFor(grams, CARBON);
    }

    /** A number of days: {@code "12.3 days"}, {@code "5.00 hours"} or {@code "7.20 minutes"} below a day. */
    public static String days(double days) {
        if (!Double.isFinite(days)) {
            return String.valueOf(days);
        }
        if (Math.abs(days) >= 1) {
            return significant(days) + " days";
        }
        double hours = days * 24;
        return Math.abs(hours) >= 1 || days == 0 ? significant(hours) + " hours" : significant(hours * 60) + " minutes";
    }

    /** Three significant figures, all integer digits kept ({@code 1,234}), no exponent ({@code 0.0000412}). */
    public static String significant(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 999.5) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString()
                .transform(s -> padToThree(s, a));
    }

    /** Keeps trailing zeros that are significant: 2.50 kWh, not 2.5 kWh, so every figure shows three digits. */
    private static String padToThree(String plain, double a) {
        int digits = plain.replace("-", "").replace(".", "").replaceFirst("^0+", "").length();
        if (digits >= 3 || a >= 100) {
            return plain;
        }
        StringBuilder s = new StringBuilder(plain);
        if (s.indexOf(".") < 0) {
            s.append('.');
        }
        for (int i = digits; i < 3; i++) {
            s.append('0');
        }
        return s.toString();
    }

    private static String scaled(double base, Unit[] units, String baseName) {
        if (!Double.isFinite(base)) {
            return base + " " + baseName;
        }
        if (base == 0) {
            return "0 " + baseName;
        }
        Unit u = unitFor(base, units);
        return significant(u.of(base)) + " " + u.name();
    }

    private static Unit unitFor(double base, Unit[] units) {
        double a = Math.abs(base);
        if (!Double.isFinite(a) || a == 0) {
            return java.util.Arrays.stream(units).filter(u -> u.perBase() == 1).findFirst().orElseThrow();
        }
        for (Unit u : units) {
            // Rounded first, so that 999.96 Wh reads "1.00 kWh" rather than "1,000 Wh".
            if (new BigDecimal(u.of(a)).round(new MathContext(3)).doubleValue() >= 1) {
                return u;
            }
        }
        return units[units.length - 1];
    }
}
