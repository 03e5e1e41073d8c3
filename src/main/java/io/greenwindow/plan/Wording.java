package io.greenwindow.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How plans speak: instants in UTC, durations as 1h30m, intensities as whole g/kWh, savings as whole percent. */
final class Wording {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Wording() {
    }

    /** "02:00 UTC" on the same UTC day as {@code now}, else with the date. */
    static String at(Instant t, Instant now) {
        boolean sameDay = t.atOffset(ZoneOffset.UTC).toLocalDate().equals(now.atOffset(ZoneOffset.UTC).toLocalDate());
        return sameDay ? CLOCK.format(t) : DATED.format(t);
    }

    static String length(Duration d) {
        long minutes = (d.getSeconds() + 59) / 60;
        long h = minutes / 60;
        long m = minutes % 60;
        if (h == 0) {
            return m + "m";
        }
        return m == 0 ? h + "h" : h + "h" + m + "m";
    }

    static String g(double gPerKwh) {
        // Math.round rounds half up, as %.0f does for these non-negative values; String.format costs microseconds
        // per plan, which matters when ten thousand plans are re-made at once.
        return Double.isNaN(gPerKwh) ? "unknown" : Long.toString(Math.round(gPerKwh));
    }

    static String percent(double fraction) {
        return Long.toString(Math.round(fraction * 100)) + "%";
    }

    /**
     * Two fractions as percentages, with as many decimals (up to two) as it takes to tell them apart, so that a
     * saving of 4.6% is not said to be below a minimum of "5%" while reading "5%" itself.
     */
    static String[] percents(double a, double b) {
        String pa = percent(a);
        String pb = percent(b);
        for (int decimals = 1; decimals <= 2 && pa.equals(pb); decimals++) {
            String f = "%." + decimals + "f%%";
            pa = String.format(java.util.Locale.ROOT, f, a * 100);
            pb = String.format(java.util.Locale.ROOT, f, b * 100);
        }
        return new String[] {pa, pb};
    }
}
