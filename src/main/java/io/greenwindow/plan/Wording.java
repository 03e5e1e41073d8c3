package io.greenwindow.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

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
        return Double.isNaN(gPerKwh) ? "unknown" : String.format(Locale.ROOT, "%.0f", gPerKwh);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
