package io.greenwindow.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as the Carbon Aware SDK's WebAPI reads them. Query parameters go through .NET's lenient
 * {@code DateTimeOffset} parsing, which takes a date alone ({@code 2026-11-09}, midnight), unpadded months, days
 * and hours ({@code 2026-11-9T4:05:06Z}) and no offset (we read that as UTC: the server's zone is no business of a
 * caller's). JSON bodies go through System.Text.Json, which takes ISO-8601 only: the SDK's tests expect
 * {@code 2021-9-1T08:30:00Z} in a batch body to be refused.
 */
final class CarbonAwareDates {

    // An offset sent unencoded in a query string arrives with its '+' decoded to a space: accepted as '+'.
    private static final Pattern LENIENT = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,9}))?)?)?"
                    + "\\s*(Z|z|[+\\- ]\\d{2}:?\\d{2})?");
    private static final Pattern STRICT = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:T(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?(Z|z|[+\\-]\\d{2}:\\d{2})?");

    private CarbonAwareDates() {
    }

    /** A query parameter's instant, empty when absent or blank; a 400 naming {@code name} when unreadable. */
    static Optional<Instant> query(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(parse(LENIENT, name, value.trim()));
    }

    /** A JSON body field's instant (ISO-8601), empty when absent; a 400 naming {@code name} when unreadable. */
    static Optional<Instant> json(String name, String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(parse(STRICT, name, value));
    }

    private static Instant parse(Pattern pattern, String name, String value) {
        Matcher m = pattern.matcher(value);
        if (!m.matches()) {
            throw refused(name, value);
        }
        try {
            LocalDateTime local = LocalDateTime.of(num(m.group(1)), num(m.group(2)), num(m.group(3)),
                    num(m.group(4)), num(m.group(5)), num(m.group(6)), nanos(m.group(7)));
            return local.toInstant(offset(m.group(8)));
        } catch (DateTimeException e) {
            throw refused(name, value);
        }
    }

    private static ZoneOffset offset(String s) {
        if (s == null || s.equalsIgnoreCase("Z")) {
            return ZoneOffset.UTC;
        }
        String digits = s.substring(1).replace(":", "");
        int seconds = Integer.parseInt(digits.substring(0, 2)) * 3600 + Integer.parseInt(digits.substring(2)) * 60;
        return ZoneOffset.ofTotalSeconds(s.charAt(0) == '-' ? -seconds : seconds);
    }

    private static int num(String s) {
        return s == null ? 0 : Integer.parseInt(s);
    }

    private static int nanos(String fraction) {
        return fraction == null ? 0 : Integer.parseInt((fraction + "000000000").substring(0, 9));
    }

    private static CarbonAwareProblem refused(String name, String value) {
        return CarbonAwareProblem.invalid(name, "The value '" + value + "' is not valid for " + name
                + ": give an ISO-8601 date-time, e.g. 2026-11-29T13:00:00Z");
    }
}
