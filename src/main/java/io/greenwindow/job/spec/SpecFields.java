package io.greenwindow.job.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * Reads typed values out of a spec tree, each within its bounds, adding a "field: reason" problem instead of
 * throwing. User text quoted in a problem is made printable first, so that no reason carries a control character.
 */
final class SpecFields {

    private final List<String> problems;

    SpecFields(List<String> problems) {
        this.problems = problems;
    }

    void problem(String field, String reason) {
        problems.add(Names.printable(field + ": " + reason, true));
    }

    int problemCount() {
        return problems.size();
    }

    static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    String text(JsonNode node, String field, String fallback) {
        if (absent(node)) {
            return fallback;
        }
        if (!node.isTextual() && !node.isNumber()) {
            problem(field, "must be text, got " + describe(node));
            return fallback;
        }
        return node.asText().trim();
    }

    /** Text of at most {@code maxLength} characters with no control character; null when absent or refused. */
    String plainText(JsonNode node, String field, int maxLength) {
        String value = text(node, field, null);
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength) {
            problem(field, "must be at most " + maxLength + " characters, got " + value.length());
            return null;
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            problem(field, "must not contain control characters");
            return null;
        }
        return value;
    }

    /** A name of {@link Names#SAFE}; the fallback when absent, null (with a problem) when refused. */
    String name(JsonNode node, String field, String fallback) {
        String value = text(node, field, fallback);
        if (value == null) {
            return null;
        }
        if (!Names.isSafe(value)) {
            problem(field, "must be " + Names.RULE + ", got '" + shorten(value) + "'");
            return null;
        }
        return value;
    }

    int wholeNumber(JsonNode node, String field, int fallback, long min, long max) {
        if (absent(node)) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            problem(field, "must be a whole number from " + min + " to " + max + ", got " + describe(node));
            return fallback;
        }
        long value = node.asLong();
        if (value < min || value > max) {
            problem(field, "must be from " + min + " to " + max + ", got " + value);
            return fallback;
        }
        return (int) value;
    }

    long longNumber(JsonNode node, String field, long fallback) {
        if (absent(node)) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            problem(field, "must be a whole number, got " + describe(node));
            return fallback;
        }
        return node.asLong();
    }

    /** A finite number in [min, max] ({@code minExclusive}: in (min, max]); null when absent or refused. */
    Double number(JsonNode node, String field, double min, boolean minExclusive, double max) {
        if (absent(node)) {
            return null;
        }
        String range = (minExclusive ? "> " + min : ">= " + min) + " and <= " + max;
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            problem(field, "must be a number " + range + ", got " + describe(node));
            return null;
        }
        double value = node.asDouble();
        if (value < min || minExclusive && value == min || value > max) {
            problem(field, "must be " + range + ", got " + value);
            return null;
        }
        return value;
    }

    boolean bool(JsonNode node, String field, boolean fallback) {
        if (absent(node)) {
            return fallback;
        }
        if (!node.isBoolean()) {
            problem(field, "must be true or false, got " + describe(node));
            return fallback;
        }
        return node.asBoolean();
    }

    /** One of {@code allowed}; the fallback when absent, null (with a problem) when refused. */
    String oneOf(JsonNode node, String field, Set<String> allowed, String fallback) {
        String value = text(node, field, fallback);
        if (value != null && !allowed.contains(value)) {
            problem(field, "must be one of " + allowed.stream().sorted().toList() + ", got '" + shorten(value) + "'");
            return null;
        }
        return value;
    }

    /** An ISO-8601 duration such as PT20M within [min, max]; null (with a problem) otherwise. */
    Duration duration(String value, String field, Duration min, Duration max) {
        Duration d;
        try {
            d = Duration.parse(value.toUpperCase());
        } catch (DateTimeParseException | ArithmeticException e) {
            problem(field, "must be an ISO-8601 duration such as PT20M or PT8H, got '" + shorten(value) + "'");
            return null;
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            problem(field, "must be from " + min + " to " + max + ", got " + value);
            return null;
        }
        return d;
    }

    /**
     * An ISO-8601 duration after {@code now} (PT8H) or an instant (2026-11-30T08:00:00Z), after now and at most
     * {@code horizon} after it; null (with a problem) otherwise.
     */
    Instant deadline(String value, String field, Instant now, Duration horizon) {
        Instant latest = now.plus(horizon);
        Instant deadline;
        try {
            Duration fromNow = Duration.parse(value.toUpperCase());
            deadline = fromNow.compareTo(horizon) > 0 ? null : now.plus(fromNow);
        } catch (DateTimeParseException | ArithmeticException notDuration) {
            try {
                deadline = OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException notInstant) {
                problem(field, "must be an ISO-8601 duration from now (PT8H) or an instant (2026-11-30T08:00:00Z), got '"
                        + shorten(value) + "'");
                return null;
            } catch (DateTimeException outOfRange) {
                deadline = null;
            }
        }
        if (deadline == null || deadline.isAfter(latest)) {
            problem(field, "must be at most " + horizon + " from now (before " + latest + "), got " + shorten(value));
            return null;
        }
        if (!deadline.isAfter(now)) {
            problem(field, "must be after now (" + now + "), got " + deadline);
            return null;
        }
        return deadline;
    }

    static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return "'" + shorten(node.asText()) + "'";
    }

    /** A user's value, cut so that a refusal never echoes a whole pasted file. */
    static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
