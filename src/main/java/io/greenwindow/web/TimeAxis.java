package io.greenwindow.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The time axis every chart over time shares: [from, to) mapped onto [left, right] pixels, ticks at round UTC
 * times (at most {@link #MAX_TICKS} intervals), the day written under each midnight, and the axis title.
 */
record TimeAxis(Instant from, Instant to, double left, double right) {

    static final int MAX_TICKS = 8;
    private static final List<Duration> STEPS = List.of(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
            Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2),
            Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(7));
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    TimeAxis {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("time axis end " + to + " must be after its start " + from);
        }
    }

    /** The x pixel of {@code t}, unclipped. */
    double x(Instant t) {
        double span = Duration.between(from, to).toMillis();
        return left + Duration.between(from, t).toMillis() * (right - left) / span;
    }

    /** {@code t} moved into [from, to]. */
    Instant clip(Instant t) {
        return t.isBefore(from) ? from : t.isAfter(to) ? to : t;
    }

    /** The smallest round step that gives at most {@link #MAX_TICKS} intervals. */
    Duration step() {
        Duration span = Duration.between(from, to);
        for (Duration step : STEPS) {
            if (span.toMillis() <= step.toMillis() * MAX_TICKS) {
                return step;
            }
        }
        return STEPS.get(STEPS.size() - 1);
    }

    /** Grid lines and labels at each tick between {@code top} and {@code base}, and the axis title under them. */
    void draw(StringBuilder svg, double top, double base, double titleY) {
        Duration step = step();
        Instant tick = from.truncatedTo(ChronoUnit.DAYS);
        while (tick.isBefore(from)) {
            tick = tick.plus(step);
        }
        DateTimeFormatter label = step.toSeconds() % 60 == 0 ? MINUTE : SECOND;
        for (; !tick.isAfter(to); tick = tick.plus(step)) {
            double x = x(tick);
            boolean midnight = tick.atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay() == 0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
                    x, top, x, base + 4, midnight ? "#bbb" : "#eee"));
            svg.append(SvgCharts.text(x, base + 15, 10, "normal", "middle", "#000", label.format(tick)));
            if (midnight) {
                svg.append(SvgCharts.text(x, base + 27, 10, "bold", "middle", "#000", DAY.format(tick)));
            }
        }
        String unit = step.compareTo(Duration.ofHours(1)) >= 0 ? "hour (UTC)" : "time (UTC)";
        svg.append(SvgCharts.text(left + (right - left) / 2.0, titleY, 11, "normal", "middle", "#000", unit));
    }
}
