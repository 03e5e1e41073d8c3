package io.greenwindow.ledger;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one JSON form of ledger values: the stored entry content, the API and the CLI all use it, so that what is
 * hashed, served and read back is the same text. Instants and durations are ISO-8601 strings.
 */
public final class LedgerJson {

    private static final ObjectMapper MAPPER = JsonMapping.canonical();

    private LedgerJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
