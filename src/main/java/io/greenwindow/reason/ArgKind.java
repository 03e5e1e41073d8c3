package io.greenwindow.reason;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The Java type of one argument of a reason, and how it is written to and read from its stored JSON. */
public enum ArgKind {
    TEXT, INSTANT, DURATION, NUMBER, COUNT, TEXTS, FLAG,
    /** A {@link FullCapacity}, stored as {@code {"unit": "JOB_SLOTS", "count": 2}}. */
    FULL;

    /** {@code value} as this kind's Java type, or an exception naming what was given. */
    Object accept(String name, Object value) {
        Object v = switch (this) {
            case TEXT -> value instanceof String ? value : null;
            case INSTANT -> value instanceof Instant ? value : null;
            case DURATION -> value instanceof Duration ? value : null;
            case NUMBER -> value instanceof Number n ? (Object) n.doubleValue() : null;
            case COUNT -> value instanceof Integer || value instanceof Long ? (Object) ((Number) value).longValue() : null;
            case TEXTS -> value instanceof List<?> l && l.stream().allMatch(String.class::isInstance) ? List.copyOf(l) : null;
            case FLAG -> value instanceof Boolean ? value : null;
            case FULL -> value instanceof FullCapacity ? value : null;
        };
        if (v == null) {
            throw new IllegalArgumentException("Reason argument " + name + " must be " + this + ", was "
                    + value.getClass().getSimpleName() + " " + value);
        }
        return v;
    }

    /** The value as stored in JSON (strings for instants and durations, ISO-8601). */
    Object stored(Object value) {
        if (value instanceof FullCapacity full) {
            return Map.of("unit", full.unit().name(), "count", full.count());
        }
        return this == INSTANT || this == DURATION ? value.toString() : value;
    }

    /** Back from what {@link #stored} wrote (Jackson gives numbers as Integer, Long or Double). */
    Object read(Object stored) {
        return switch (this) {
            case INSTANT -> Instant.parse((String) stored);
            case DURATION -> Duration.parse((String) stored);
            case NUMBER -> stored instanceof String s ? Double.parseDouble(s) : stored; // NaN is written "NaN"
            // A row from before FULL held the phrase itself: the ClassCastException makes it read as its sentence.
            case FULL -> full((Map<?, ?>) stored);
            default -> stored;
        };
    }

    private static FullCapacity full(Map<?, ?> stored) {
        if (!(stored.get("unit") instanceof String unit) || !(stored.get("count") instanceof Number count)) {
            throw new IllegalArgumentException("Stored capacity " + stored + " needs a unit and a count");
        }
        return new FullCapacity(FullCapacity.Unit.valueOf(unit), count.intValue());
    }
}
