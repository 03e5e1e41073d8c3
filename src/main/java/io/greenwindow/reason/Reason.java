package io.greenwindow.reason;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Why a job is where it is, as data: a {@link ReasonCode}, the instant it was decided ({@code at}: the sentence
 * reads times relative to it, "02:00 UTC" the same day and dated otherwise), the code's arguments, the decision it
 * wraps ({@code cause}: "re-planned on a new DE forecast: <cause>") and notes that follow it ("; ..."). Only
 * {@link Wording} turns it into words.
 */
public record Reason(ReasonCode code, Instant at, Map<String, Object> args, Reason cause, List<Reason> notes) {

    public Reason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(at, "at of reason " + code);
        Map<String, Object> checked = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : args.entrySet()) {
            ReasonCode.Param p = code.param(e.getKey());
            if (p == null) {
                throw new IllegalArgumentException("Reason " + code + " has no argument " + e.getKey());
            }
            if (e.getValue() != null) {
                checked.put(e.getKey(), p.kind().accept(code + "." + e.getKey(), e.getValue()));
            }
        }
        args = Collections.unmodifiableMap(checked);
        notes = List.copyOf(notes);
    }

    /**
     * The reason, once it has every argument its code needs (it is built one {@link #with} at a time, so this is
     * checked where it is worded or stored).
     */
    public Reason complete() {
        for (ReasonCode.Param p : code.params()) {
            if (!p.optional() && !args.containsKey(p.name())) {
                throw new IllegalArgumentException("Reason " + code + " needs argument " + p.name());
            }
        }
        return this;
    }

    /** A reason with no arguments yet; add them with {@link #with}. */
    public static Reason of(ReasonCode code, Instant at) {
        return new Reason(code, at, Map.of(), null, List.of());
    }

    /**
     * A reason that begins another ("re-planned on a new DE forecast: ..."): its instant is set with {@link #at}
     * when the decision it wraps is stored.
     */
    public static Reason prefix(ReasonCode code) {
        return of(code, Instant.EPOCH);
    }

    /** This reason as made at {@code instant}. */
    public Reason at(Instant instant) {
        return new Reason(code, instant, args, cause, notes);
    }

    /** A sentence without a code: one stored before reasons had codes, or from a part that builds its own. */
    public static Reason sentence(String sentence) {
        return of(ReasonCode.TEXT, Instant.EPOCH).with("text", sentence);
    }

    /** This reason with one more argument ({@code null}: left out, for an optional one). */
    public Reason with(String name, Object value) {
        if (value == null) {
            return this;
        }
        Map<String, Object> more = new LinkedHashMap<>(args);
        more.put(name, value);
        return new Reason(code, at, more, cause, notes);
    }

    /** This reason wrapping the decision that follows it. */
    public Reason because(Reason decision) {
        return new Reason(code, at, args, decision, notes);
    }

    /** This reason with {@code note} after it ({@code null}: unchanged). */
    public Reason and(Reason note) {
        if (note == null) {
            return this;
        }
        List<Reason> more = new ArrayList<>(notes);
        more.add(note);
        return new Reason(code, at, args, cause, more);
    }

    /** The innermost decision: the code that says what was decided, under any "re-planned"/"starting now". */
    public Reason decision() {
        return cause == null ? this : cause.decision();
    }

    public String text(String name) {
        return (String) args.get(name);
    }

    public Instant instant(String name) {
        return (Instant) args.get(name);
    }

    public java.time.Duration duration(String name) {
        return (java.time.Duration) args.get(name);
    }

    /** A NUMBER argument, NaN when absent. */
    public double number(String name) {
        Object v = args.get(name);
        return v == null ? Double.NaN : (Double) v;
    }

    public long count(String name) {
        return (Long) args.get(name);
    }

    @SuppressWarnings("unchecked")
    public List<String> texts(String name) {
        return (List<String>) args.get(name);
    }

    /** A FULL argument, null when absent. */
    public FullCapacity full(String name) {
        return (FullCapacity) args.get(name);
    }

    public boolean flag(String name) {
        return Boolean.TRUE.equals(args.get(name));
    }

    public boolean has(String name) {
        return args.containsKey(name);
    }

    /** Whether {@code t} falls on the same UTC day as {@link #at}: then it reads without its date. */
    boolean sameDay(Instant t) {
        LocalDate day = at.atOffset(ZoneOffset.UTC).toLocalDate();
        return t.atOffset(ZoneOffset.UTC).toLocalDate().equals(day);
    }

    /** The sentence (the same as {@link Wording#render}). */
    @Override
    public String toString() {
        return Wording.render(this);
    }
}
