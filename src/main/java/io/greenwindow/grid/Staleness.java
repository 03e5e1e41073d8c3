package io.greenwindow.grid;

import java.time.Instant;
import java.util.List;

/** When a forecast is too old to plan on, and cutting a signal to a window: shared by the live and stored chains. */
final class Staleness {

    private Staleness() {
    }

    /** Null when fresh, else why the forecast is too old to plan on. */
    static String of(TrackedAdapter a, Signal s, Instant now) {
        Instant limit = now.minus(a.definition().staleAfter());
        if (s.generatedAt() != null && s.generatedAt().isBefore(limit)) {
            return "forecast generated at " + s.generatedAt() + " is older than the staleness limit of "
                    + a.definition().staleAfter();
        }
        return null;
    }

    /** The points of {@code s} whose intervals overlap [from, to). */
    static Signal clip(Signal s, Instant from, Instant to) {
        List<SignalPoint> points = s.points().stream()
                .filter(p -> p.start().plus(s.step()).isAfter(from) && p.start().isBefore(to)).toList();
        return new Signal(s.zone(), s.source(), s.kind(), s.scope(), s.step(), s.generatedAt(), points);
    }
}
