package io.greenwindow.grid.http;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.grid.GridFetchException;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reading providers' JSON, where every surprise becomes a {@link GridFetchException} naming the field. */
public final class ProviderJson {

    private static final ObjectMapper MAPPER = JsonMapping.json();

    private ProviderJson() {
    }

    public static JsonNode parse(String provider, String what, String body) {
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n == null || n.isMissingNode()) {
                throw new GridFetchException(provider, what + " answered with an empty body");
            }
            return n;
        } catch (IOException e) {
            throw new GridFetchException(provider, what + " answered with malformed JSON ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** An ISO-8601 instant with offset, including the GB API's minute-only {@code 2026-11-29T13:00Z}. */
    public static Instant instant(String provider, String field, JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw new GridFetchException(provider, field + " is missing or not a date-time");
        }
        String s = node.asText();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new GridFetchException(provider, field + " '" + s + "' is not an ISO-8601 date-time");
        }
    }

    /** A number, or null where the provider says it does not know (JSON null or missing). */
    public static Double numberOrNull(String provider, String field, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (!node.isNumber()) {
            throw new GridFetchException(provider, field + " '" + node.asText() + "' is not a number");
        }
        double v = node.asDouble();
        if (!Double.isFinite(v) || v < 0) {
            throw new GridFetchException(provider, field + " " + v + " is not a possible intensity");
        }
        return v;
    }

    /** The provider's own error sentence from an error body, if it has one. */
    public static String errorMessage(String body) {
        try {
            JsonNode n = MAPPER.readTree(body);
            for (String f : new String[] {"message", "error", "detail", "title"}) {
                JsonNode v = n.path(f);
                if (v.isTextual()) {
                    return v.asText();
                }
                if (v.isObject() && v.path("message").isTextual()) {
                    return v.path("message").asText();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: fall through
        }
        return body == null || body.isBlank() ? "" : body.substring(0, Math.min(200, body.length())).strip();
    }
}
