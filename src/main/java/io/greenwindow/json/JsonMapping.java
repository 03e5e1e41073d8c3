package io.greenwindow.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration of greenwindow, for the API, the CLI, the database's JSON columns and the files passed
 * between processes: instants and durations are ISO-8601 strings ({@code "2026-03-02T06:00:00Z"}, {@code "PT20M"}),
 * everywhere. Readers also accept the numbers that older versions wrote in some places (Jackson's java.time
 * deserializers read both), so stored values stay readable.
 *
 * <p>Three variants of the same settings: {@link #strict()} refuses unknown fields (what people send: policies,
 * job documents), {@link #canonical()} sorts properties (the ledger's hashed form) and {@link #yaml()} reads YAML
 * (specs, adapter definitions).
 */
public final class JsonMapping {

    private static final JsonMapper JSON = configure(JsonMapper.builder()).build();
    private static final JsonMapper STRICT = JSON.rebuild()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final JsonMapper CANONICAL = JSON.rebuild()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();
    private static final YAMLMapper YAML = configure(YAMLMapper.builder()).build();

    private JsonMapping() {
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
        return builder.addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                // A reader of stored values and files tolerates fields a newer version added.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The mapper for the API, the CLI and storage. */
    public static ObjectMapper json() {
        return JSON;
    }

    /** As {@link #json()}, refusing unknown fields: for what people write, where a misspelt field must not pass. */
    public static ObjectMapper strict() {
        return STRICT;
    }

    /** As {@link #json()} with properties in alphabetical order: one text per value, for hashing. */
    public static ObjectMapper canonical() {
        return CANONICAL;
    }

    /** The same settings reading and writing YAML. */
    public static ObjectMapper yaml() {
        return YAML;
    }
}
