package io.greenwindow.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of callers greenwindow serves: three kinds of people, and a metrics reader (a Prometheus scraper that
 * reads {@code /metrics} and nothing else). What each may do is the API's one role table.
 */
public enum Role {
    ENGINEER,
    SUSTAINABILITY,
    ADMIN,
    METRICS;

    /** The lower-case word users type and read ({@code engineer}). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code engineer}, {@code SUSTAINABILITY}, ...; anything else is refused with the words allowed. */
    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.word().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("role: '" + text + "' is not one of "
                + Arrays.stream(values()).map(Role::word).collect(Collectors.joining(", ")));
    }
}
