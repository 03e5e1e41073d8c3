package io.greenwindow.reason;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Reason} as stored beside its sentence: {@code {"code":..., "at":..., "args":{...}, "cause":{...},
 * "notes":[...]}}, instants and durations in ISO-8601. Old rows have no JSON and are read as their sentence.
 */
public final class ReasonJson {

    /** NaN stands for "no figure" in a few arguments; it is written as the token NaN and read back. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private ReasonJson() {
    }

    public static String write(Reason reason) {
        try {
            return JSON.writeValueAsString(tree(reason.complete()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Reason " + reason.code() + " cannot be written as JSON", e);
        }
    }

    /**
     * The reason stored as {@code json}; without JSON (a row from before codes) the stored {@code sentence}. A code
     * this version does not know (written by a newer node) is also read as its sentence.
     */
    public static Reason read(String json, String sentence) {
        if (json == null || json.isBlank()) {
            return Reason.sentence(sentence == null ? "" : sentence);
        }
        try {
            return reason(JSON.readValue(json, Map.class)).complete();
        } catch (JsonProcessingException | IllegalArgumentException | ClassCastException e) {
            return Reason.sentence(sentence == null ? "" : sentence);
        }
    }

    /** The reason as a JSON object (what {@link #write} writes), for an API that embeds it in its own JSON. */
    public static Map<String, Object> tree(Reason r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", r.code().name());
        m.put("at", r.at().toString());
        Map<String, Object> args = new LinkedHashMap<>();
        r.args().forEach((name, value) -> args.put(name, r.code().param(name).kind().stored(value)));
        m.put("args", args);
        if (r.cause() != null) {
            m.put("cause", tree(r.cause()));
        }
        if (!r.notes().isEmpty()) {
            m.put("notes", r.notes().stream().map(ReasonJson::tree).toList());
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Reason reason(Map<String, Object> m) {
        ReasonCode code = ReasonCode.valueOf((String) m.get("code"));
        Map<String, Object> args = new LinkedHashMap<>();
        ((Map<String, Object>) m.getOrDefault("args", Map.of())).forEach((name, stored) -> {
            ReasonCode.Param p = code.param(name);
            if (p == null) {
                throw new IllegalArgumentException("Reason " + code + " has no argument " + name);
            }
            args.put(name, stored == null ? null : p.kind().read(stored));
        });
        Reason cause = m.get("cause") == null ? null : reason((Map<String, Object>) m.get("cause"));
        List<Reason> notes = new ArrayList<>();
        for (Object n : (List<Object>) m.getOrDefault("notes", List.of())) {
            notes.add(reason((Map<String, Object>) n));
        }
        return new Reason(code, Instant.parse((String) m.get("at")), args, cause, notes);
    }
}
