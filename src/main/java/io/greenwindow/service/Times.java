package io.greenwindow.service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How instants read in reasons: "02:00 UTC", with the date when it is not the same day. */
final class Times {
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    static String hhmm(Instant t) {
        return HHMM.format(t);
    }
}
