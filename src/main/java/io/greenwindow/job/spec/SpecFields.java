package io.greenwindow.job.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reads typed values out of a spec tree, adding a "field: reason" problem instead of throwing. */
final class SpecFields {

    private final List<String> problems;

    SpecFields(List<String> problems) {
        this.problems = problems;
    }

    void problem(String field, String reason) {
        problems.add(field + ": " + reason);
    }

    String text(JsonNode node, String field, String fallback) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return fallback;
        }
        if (!node.isTextual() && !node.isNumber()) {
            problem(field, "must be text, got " + describe(node));
            return fallback;
        }
        return node.asText().trim();
    }

    int wholeNumber(JsonNode node, String field, int fallback, int min) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            problem(field, "must be a whole number >= " + min + ", got " + describe(node));
            return fallback;
        }
        if (node.asInt() < min) {
            problem(field, "must be >= " + min + ", got " + node.asInt());
            return fallback;
        }
        return node.asInt();
    }

    Double number(JsonNode node, String field, double min) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (!node.isNumber()) {
            problem(field, "must be a number >= " + min + ", got " + describe(node));
            return null;
        }
        if (node.asDouble() < min) {
            problem(field, "must be >= " + min + ", got " + node.asDouble());
            return null;
        }
        return node.asDouble();
    }

    boolean bool(JsonNode node, String field, boolean fallback) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            problem(field, "must be true or false, got " + describe(node));
            return fallback;
        }
        return node.asBoolean();
    }

    /** A positive ISO-8601 duration such as PT20M; null (with a problem) otherwise. */
    Duration positiveDuration(String value, String field) {
        try {
            Duration d = Duration.parse(value.toUpperCase());
            if (d.isZero() || d.isNegative()) {
                problem(field, "must be a positive duration, got " + value);
                return null;
            }
            return d;
        } catch (DateTimeParseException e) {
            problem(field, "must be an ISO-8601 duration such as PT20M or PT8H, got '" + value + "'");
            return null;
        }
    }

    /** An ISO-8601 duration after {@code now} (PT8H) or an instant (2026-11-30T08:00:00Z); null (with a problem) otherwise. */
    Instant deadline(String value, String field, Instant now) {
        Instant deadline = null;
        try {
            deadline = now.plus(Duration.parse(value.toUpperCase()));
        } catch (DateTimeParseException notDuration) {
            try {
                deadline = OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException notInstant) {
                problem(field, "must be an ISO-8601 duration from now (PT8H) or an instant (2026-11-30T08:00:00Z), got '"
                        + value + "'");
                return null;
            }
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
        return "'" + node.asText() + "'";
    }
}
