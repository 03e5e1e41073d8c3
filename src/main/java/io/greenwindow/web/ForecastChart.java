package io.greenwindow.web;

import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalPoint;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * One zone's forecast for the next 48 hours as an inline SVG: intensity as steps (a value holds for its whole
 * interval), a "now" line, the planned segments of held jobs shaded with the job's name, and each held job's
 * deadline as a tick on the time axis. The axis starts at the UTC hour that contains now.
 */
final class ForecastChart {

    static final int WIDTH = 960;
    static final int HEIGHT = 270;
    static final int LEFT = 60;
    static final int RIGHT = 12;
    static final int TOP = 34;
    static final int BOTTOM = 44;
    static final Duration SPAN = Duration.ofHours(48);

    static final String LINE = SvgCharts.LINE;
    static final String PLANNED = "#2a9d8f";
    static final String DEADLINE = "#c0392b";
    static final String NOW = "#1f5fa8";

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** A held job's planned stretch of running, shaded on the chart. */
    record Shade(String jobName, Instant start, Instant end) {
    }

    /** A held job's deadline, a tick on the time axis. */
    record Deadline(String jobName, Instant at) {
    }

    private ForecastChart() {
    }

    /** Where the chart's time axis starts for {@code now}: the start of its UTC hour. */
    static Instant axisStart(Instant now) {
        return now.truncatedTo(ChronoUnit.HOURS);
    }

    static TimeAxis axis(Instant now) {
        Instant from = axisStart(now);
        return new TimeAxis(from, from.plus(SPAN), LEFT, WIDTH - RIGHT);
    }

    /** The x pixel of {@code t} on a chart drawn at {@code now}, unclipped. */
    static double x(Instant t, Instant now) {
        return axis(now).x(t);
    }

    static Svg render(String zone, Signal signal, Instant now, List<Shade> shades, List<Deadline> deadlines) {
        TimeAxis axis = axis(now);
        double max = 0;
        for (SignalPoint p : signal.points()) {
            if (p.start().isBefore(axis.to()) && p.start().plus(signal.step()).isAfter(axis.from())) {
                max = Math.max(max, p.gPerKwh());
            }
        }
        double base = HEIGHT - BOTTOM;
        StringBuilder svg = SvgCharts.open("forecast", "Forecast carbon intensity for " + zone + ", next 48 hours", WIDTH, HEIGHT);
        double scale = SvgCharts.valueAxis(svg, max, "g CO2e/kWh", LEFT, WIDTH - RIGHT, TOP, base);
        axis.draw(svg, TOP, base, HEIGHT - 4);
        for (int i = 0; i < shades.size(); i++) {
            shade(svg, shades.get(i), i, axis, base);
        }
        svg.append(steps(signal, axis, base, scale, "intensity", LINE));
        double nowX = axis.x(now);
        svg.append(String.format(Locale.ROOT, "<line class=\"now\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                + " stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>", nowX, TOP - 6, nowX, base, NOW));
        svg.append(SvgCharts.text(nowX + 3, TOP - 8, 10, "bold", "start", NOW, "now " + HOUR.format(now)));
        for (Deadline d : deadlines) {
            deadline(svg, d, now, axis, base);
        }
        legend(svg);
        return SvgCharts.close(svg);
    }

    /**
     * A signal as steps over {@code axis} (a value holds for its whole interval), clipped to the axis; "" when no
     * point falls on it. Shared by every chart that draws an intensity.
     */
    static String steps(Signal signal, TimeAxis axis, double base, double scale, String cssClass, String colour) {
        StringBuilder path = new StringBuilder();
        for (SignalPoint p : signal.points()) {
            Instant a = axis.clip(p.start());
            Instant b = axis.clip(p.start().plus(signal.step()));
            if (!a.isBefore(b)) {
                continue;
            }
            double y = base - p.gPerKwh() * scale;
            path.append(String.format(Locale.ROOT, path.isEmpty() ? "M%.1f %.1f" : "L%.1f %.1f", axis.x(a), y));
            path.append(String.format(Locale.ROOT, "H%.1f", axis.x(b)));
        }
        if (path.isEmpty()) {
            return "";
        }
        return "<path class=\"" + Svg.attr(cssClass) + "\" d=\"" + path + "\" fill=\"none\" stroke=\"" + colour
                + "\" stroke-width=\"2\"/>";
    }

    private static void shade(StringBuilder svg, Shade s, int index, TimeAxis axis, double base) {
        Instant a = axis.clip(s.start());
        Instant b = axis.clip(s.end());
        if (!a.isBefore(b)) {
            return;
        }
        double x = axis.x(a);
        double w = axis.x(b) - x;
        String tip = s.jobName() + ": planned " + WHEN.format(s.start()) + " to " + WHEN.format(s.end()) + " UTC";
        svg.append(String.format(Locale.ROOT, "<rect class=\"planned\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%.1f\""
                + " fill=\"%s\" fill-opacity=\"0.22\" stroke=\"%s\" stroke-opacity=\"0.6\"><title>%s</title></rect>",
                x, TOP, w, base - TOP, PLANNED, PLANNED, Svg.text(tip)));
        String name = s.jobName().length() > 24 ? s.jobName().substring(0, 23) + "…" : s.jobName();
        svg.append(SvgCharts.text(x + 3, TOP + 12 + 12 * (index % 4), 10, "bold", "start", "#17655c", name));
    }

    private static void deadline(StringBuilder svg, Deadline d, Instant now, TimeAxis axis, double base) {
        if (d.at() == null || d.at().isBefore(now)) {
            return;
        }
        boolean after = d.at().isAfter(axis.to());
        double x = after ? WIDTH - RIGHT : axis.x(d.at());
        String label = d.jobName() + " deadline" + (after ? " " + WHEN.format(d.at()) + " →" : "");
        svg.append(String.format(Locale.ROOT, "<line class=\"deadline\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
                + " stroke=\"%s\" stroke-width=\"2.5\"><title>%s</title></line>", x, base - 9, x, base + 5, DEADLINE,
                Svg.text(d.jobName() + ": deadline " + WHEN.format(d.at()) + " UTC")));
        svg.append(SvgCharts.text(x - 3, base - 11, 10, "normal", "end", DEADLINE, label));
    }

    private static void legend(StringBuilder svg) {
        int x = LEFT + 360;
        SvgCharts.lineLegend(svg, x, 14, LINE, "", "forecast");
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"4\" width=\"14\" height=\"11\" fill=\"%s\" fill-opacity=\"0.22\""
                + " stroke=\"%s\"/>", x + 90, PLANNED, PLANNED));
        svg.append(SvgCharts.text(x + 108, 14, 11, "normal", "start", "#000", "planned run of a held job"));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"3\" x2=\"%d\" y2=\"16\" stroke=\"%s\" stroke-width=\"2.5\"/>",
                x + 268, x + 268, DEADLINE));
        svg.append(SvgCharts.text(x + 274, 14, 11, "normal", "start", "#000", "deadline"));
    }
}
