package io.greenwindow.service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How instants read in a refusal that compares two of them; reasons are worded by reason/Wording. */
final class Times {
    private static final DateTimeFormatter FULL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    /** Dated and to the second, for a refusal that compares two instants. */
    static String full(Instant t) {
        return FULL.format(t);
    }
}
