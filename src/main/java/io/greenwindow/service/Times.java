package io.greenwindow.service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How instants read in reasons: "02:00 UTC", with the date when it is not the same day. */
final class Times {
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter FULL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    /** Dated and to the second, for a refusal that compares two instants. */
    static String full(Instant t) {
        return FULL.format(t);
    }

    static String hhmm(Instant t) {
        return HHMM.format(t);
    }

    /** "1 h 5 min", "20 min", "45 s". */
    static String length(java.time.Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return s + " s";
        }
        long h = s / 3600;
        long m = (s % 3600) / 60;
        return h == 0 ? m + " min" : m == 0 ? h + " h" : h + " h " + m + " min";
    }
}
