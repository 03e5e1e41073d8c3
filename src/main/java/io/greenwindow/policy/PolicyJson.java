package io.greenwindow.policy;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;

/**
 * Policy rules as JSON, for the database and the API. An admin may send only the fields to change: they are laid
 * over {@link PolicyRules#DEFAULT}, so that an omitted {@code maxPauses} means the default, not zero. Unknown
 * fields are refused, since a misspelt threshold silently ignored is worse than an error.
 */
public final class PolicyJson {

    static final ObjectMapper MAPPER = JsonMapping.strict();

    private PolicyJson() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value + " as JSON", e);
        }
    }

    /** Reads stored rules; they were written by {@link #write}, so a failure is a corrupt row. */
    static PolicyRules readStored(String json) {
        try {
            return MAPPER.readValue(json, PolicyRules.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored policy rules are not readable: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads an admin's (partial) rules, or throws {@link IllegalArgumentException} naming the field or position. */
    public static PolicyRules readUpdate(String json) {
        JsonNode body;
        try {
            body = MAPPER.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException("Policy body is not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + ": " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("Policy body must be a JSON object of rules, e.g. {\"absoluteThresholdGPerKwh\": 100}");
        }
        ObjectNode merged = MAPPER.valueToTree(PolicyRules.DEFAULT);
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!merged.has(name)) {
                throw new IllegalArgumentException("Unknown policy field '" + name + "'; known fields: "
                        + String.join(", ", (Iterable<String>) merged::fieldNames));
            }
            merged.set(name, body.get(name));
        }
        try {
            return MAPPER.treeToValue(merged, PolicyRules.class);
        } catch (JsonProcessingException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String name = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                    ? m.getPath().get(0).getFieldName() : null;
            // Jackson's own text names Java classes (java.time.Duration), which the API must not show: say what
            // the field takes instead.
            String message = root instanceof IllegalArgumentException ? root.getMessage()
                    : name != null && body.has(name) ? body.get(name) + " is not " + expected(e)
                    : e.getOriginalMessage();
            // A check that already starts with "name:" names its field; saying it twice reads as a stutter.
            String field = name == null || String.valueOf(message).startsWith(name + ":") ? "" : "field '" + name + "': ";
            throw new IllegalArgumentException("Bad policy " + field + message);
        }
    }

    private static String expected(JsonProcessingException e) {
        Class<?> type = e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m ? m.getTargetType() : null;
        if (type == java.time.Duration.class) {
            return "an ISO-8601 duration such as PT12H";
        }
        if (type == null) {
            return "a valid value";
        }
        return Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class ? "a number"
                : type == Boolean.class || type == boolean.class ? "true or false" : "a valid " + type.getSimpleName();
    }
}
