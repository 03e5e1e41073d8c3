package io.greenwindow.api;

import io.greenwindow.grid.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Carbon Aware SDK's arithmetic on intensity intervals, written after the rules of its source
 * ({@code IntervalHelper.FilterByDuration}, {@code EmissionsDataExtensions.RollingAverage} and
 * {@code AverageOverPeriod}, {@code CarbonAwareOptimalEmission}): which intervals a period selects, the rolling
 * windows of a forecast, their best ones and a period's time-weighted mean.
 */
final class CarbonAwareWindows {

    /** One interval (a data point or a window): where it starts, how long it lasts, its mean intensity. */
    record Interval(Instant start, Duration length, double gPerKwh) {
        Instant end() {
            return start.plus(length);
        }
    }

    private CarbonAwareWindows() {
    }

    /** A signal's points as intervals of its step. */
    static List<Interval> intervals(Signal signal) {
        return signal.points().stream().map(p -> new Interval(p.start(), signal.step(), p.gPerKwh())).toList();
    }

    /**
     * The intervals a period [from, to] selects: those ending after {@code from} and starting at or before
     * {@code to}. So the interval that covers {@code from} is kept, and so is one starting exactly at {@code to}
     * (the SDK's bounds are inclusive); an instant ({@code from == to}) selects the interval in force then.
     */
    static List<Interval> select(List<Interval> data, Instant from, Instant to) {
        return data.stream().filter(d -> d.end().isAfter(from) && !d.start().isAfter(to)).toList();
    }

    /**
     * The SDK's rolling windows over chronological, contiguous {@code data}: none asked ({@code size} zero) gives
     * the data as it is; otherwise windows of {@code size} start at {@code dataStartAt} (or the data's start when
     * later) and step by the data's own interval length, each the time-weighted mean over it, as long as the data
     * covers the window. After the first, a window is offered only while it ends by {@code dataEndAt}; the first
     * is offered whenever the data covers it (the SDK checks the bound only before moving on).
     */
    static List<Interval> rolling(List<Interval> data, Duration size, Instant dataStartAt, Instant dataEndAt) {
        if (data.isEmpty() || size.isZero()) {
            return data;
        }
        Duration tick = data.get(0).length();
        Instant dataEnd = data.get(data.size() - 1).end();
        Instant windowStart = dataStartAt.isBefore(data.get(0).start()) ? data.get(0).start() : dataStartAt;
        List<Interval> windows = new ArrayList<>();
        for (boolean first = true; ; first = false) {
            Instant windowEnd = windowStart.plus(size);
            if ((!first && windowEnd.isAfter(dataEndAt)) || windowEnd.isAfter(dataEnd)) {
                return windows;
            }
            windows.add(new Interval(windowStart, size, mean(data, windowStart, windowEnd)));
            windowStart = windowStart.plus(tick);
        }
    }

    /** Every interval with the lowest intensity: ties are all returned, in order. */
    static List<Interval> best(List<Interval> intervals) {
        double min = intervals.stream().mapToDouble(Interval::gPerKwh).min().orElse(Double.NaN);
        return intervals.stream().filter(i -> i.gPerKwh() == min).toList();
    }

    /** Time-weighted mean of {@code data} over [from, to), or NaN when the data does not cover both ends. */
    static double mean(List<Interval> data, Instant from, Instant to) {
        boolean coversFrom = false;
        boolean coversTo = false;
        double weighted = 0;
        long total = Duration.between(from, to).toMillis();
        for (Interval d : data) {
            Instant s = d.start().isAfter(from) ? d.start() : from;
            Instant e = d.end().isBefore(to) ? d.end() : to;
            if (e.isAfter(s)) {
                weighted += d.gPerKwh() * Duration.between(s, e).toMillis();
            }
            coversFrom |= !from.isBefore(d.start()) && from.isBefore(d.end());
            coversTo |= !to.isAfter(d.end()) && to.isAfter(d.start());
        }
        return coversFrom && coversTo && total > 0 ? weighted / total : Double.NaN;
    }

    /** Time-weighted mean of the signal over [from, to), or NaN when it does not cover the period. */
    static double mean(Signal signal, Instant from, Instant to) {
        return mean(intervals(signal), from, to);
    }
}
