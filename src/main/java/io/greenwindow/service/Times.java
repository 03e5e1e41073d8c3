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
}
