package io.greenwindow.api;

import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Carbon Aware SDK's forecast windows, computed on our signals: the mean intensity over each window of
 * {@code windowSize} starting on a point of the forecast grid, and the best one. Where we differ from the SDK, on
 * purpose: windows start only on the data grid; a window that would run past the data is not offered (the SDK
 * pads or reports -1); ties go deterministically to the earliest window.
 */
final class CarbonAwareWindows {

    /** One window: where it starts, how long it lasts and its time-weighted mean intensity. */
    record Window(Instant start, Duration length, double gPerKwh) {
    }

    private CarbonAwareWindows() {
    }

    /** Windows of {@code size} (zero = one per signal interval) starting in [from, to) and ending by the data's end. */
    static List<Window> windows(Signal signal, Instant from, Instant to, Duration size) {
        Duration length = size.isZero() ? signal.step() : size;
        List<Window> windows = new ArrayList<>();
        for (SignalPoint p : signal.points()) {
            Instant end = p.start().plus(length);
            if (p.start().isBefore(from) || !p.start().isBefore(to) || end.isAfter(signal.end())) {
                continue;
            }
            windows.add(new Window(p.start(), length, mean(signal, p.start(), end)));
        }
        return windows;
    }

    /** The window with the lowest mean; the earliest among equals. */
    static List<Window> best(List<Window> windows) {
        Window best = null;
        for (Window w : windows) {
            if (best == null || w.gPerKwh() < best.gPerKwh()) {
                best = w;
            }
        }
        return best == null ? List.of() : List.of(best);
    }

    /** Time-weighted mean of the signal over [from, to), which must lie inside it. */
    static double mean(Signal signal, Instant from, Instant to) {
        double weighted = 0;
        long total = 0;
        for (SignalPoint p : signal.points()) {
            Instant s = p.start().isAfter(from) ? p.start() : from;
            Instant pEnd = p.start().plus(signal.step());
            Instant e = pEnd.isBefore(to) ? pEnd : to;
            if (e.isAfter(s)) {
                long secs = Duration.between(s, e).toSeconds();
                weighted += p.gPerKwh() * secs;
                total += secs;
            }
        }
        return total == 0 ? Double.NaN : weighted / total;
    }
}
