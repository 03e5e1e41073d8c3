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

    static final String LINE = "#33443a";
    static final String PLANNED = "#2a9d8f";
    static final String DEADLINE = "#c0392b";
    static final String NOW = "#1f5fa8";

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH).withZone(ZoneOffset.UTC);
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

    /** The x pixel of {@code t} on a chart drawn at {@code now}, unclipped. */
    static double x(Instant t, Instant now) {
        double hours = Duration.between(axisStart(now), t).toMillis() / 3_600_000.0;
        return LEFT + hours * (WIDTH - LEFT - RIGHT) / SPAN.toHours();
    }

    static String render(String zone, Signal signal, Instant now, List<Shade> shades, List<Deadline> deadlines) {
        Instant from = axisStart(now);
        Instant to = from.plus(SPAN);
        double max = 0;
        for (SignalPoint p : signal.points()) {
            if (p.start().isBefore(to) && p.start().plus(signal.step()).isAfter(from)) {
                max = Math.max(max, p.gPerKwh());
            }
        }
        List<Double> ticks = SvgCharts.ticks(max);
        double axisMax = ticks.get(ticks.size() - 1);
        double base = HEIGHT - BOTTOM;
        double scale = (base - TOP) / axisMax;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"forecast\" width=\"%d\" height=\"%d\""
                        + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\"><title>%s</title>",
                WIDTH, HEIGHT, WIDTH, HEIGHT, Html.escape("Forecast carbon intensity for " + zone + ", next 48 hours")));
        svg.append(text(4, 14, 11, "bold", "start", "#000", "g CO2e/kWh"));
        for (double t : ticks) {
            double y = base - t * scale;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>",
                    LEFT, y, WIDTH - RIGHT, y, t == 0 ? "#666" : "#e3e3e3"));
            svg.append(text(LEFT - 5, y + 3.5, 10, "normal", "end", "#000", SvgCharts.num(t)));
        }
        timeAxis(svg, now, from, to, base);
        for (int i = 0; i < shades.size(); i++) {
            shade(svg, shades.get(i), i, now, from, to, base);
        }
        svg.append(steps(signal, now, from, to, base, scale));
        double nowX = x(now, now);
        svg.append(String.format(Locale.ROOT, "<line class=\"now\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                + " stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>", nowX, TOP - 6, nowX, base, NOW));
        svg.append(text(nowX + 3, TOP - 8, 10, "bold", "start", NOW, "now " + HOUR.format(now)));
        for (Deadline d : deadlines) {
            deadline(svg, d, now, to, base);
        }
        legend(svg);
        return svg.append("</svg>").toString();
    }

    private static void timeAxis(StringBuilder svg, Instant now, Instant from, Instant to, double base) {
        Instant tick = from.truncatedTo(ChronoUnit.DAYS);
        while (tick.isBefore(from)) {
            tick = tick.plus(Duration.ofHours(6));
        }
        for (; !tick.isAfter(to); tick = tick.plus(Duration.ofHours(6))) {
            double x = x(tick, now);
            boolean midnight = tick.atOffset(ZoneOffset.UTC).getHour() == 0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
                    x, TOP, x, base + 4, midnight ? "#bbb" : "#eee"));
            svg.append(text(x, base + 15, 10, "normal", "middle", "#000", HOUR.format(tick)));
            if (midnight) {
                svg.append(text(x, base + 27, 10, "bold", "middle", "#000", DAY.format(tick)));
            }
        }
        svg.append(text(LEFT + (WIDTH - LEFT - RIGHT) / 2.0, HEIGHT - 4, 11, "normal", "middle", "#000", "hour (UTC)"));
    }

    private static String steps(Signal signal, Instant now, Instant from, Instant to, double base, double scale) {
        StringBuilder path = new StringBuilder();
        for (SignalPoint p : signal.points()) {
            Instant a = p.start().isBefore(from) ? from : p.start();
            Instant end = p.start().plus(signal.step());
            Instant b = end.isAfter(to) ? to : end;
            if (!a.isBefore(b)) {
                continue;
            }
            double y = base - p.gPerKwh() * scale;
            path.append(String.format(Locale.ROOT, path.isEmpty() ? "M%.1f %.1f" : "L%.1f %.1f", x(a, now), y));
            path.append(String.format(Locale.ROOT, "H%.1f", x(b, now)));
        }
        if (path.isEmpty()) {
            return "";
        }
        return "<path class=\"intensity\" d=\"" + path + "\" fill=\"none\" stroke=\"" + LINE + "\" stroke-width=\"2\"/>";
    }

    private static void shade(StringBuilder svg, Shade s, int index, Instant now, Instant from, Instant to, double base) {
        Instant a = s.start().isBefore(from) ? from : s.start();
        Instant b = s.end().isAfter(to) ? to : s.end();
        if (!a.isBefore(b)) {
            return;
        }
        double x = x(a, now);
        double w = x(b, now) - x;
        String tip = s.jobName() + ": planned " + WHEN.format(s.start()) + " to " + WHEN.format(s.end()) + " UTC";
        svg.append(String.format(Locale.ROOT, "<rect class=\"planned\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%.1f\""
                + " fill=\"%s\" fill-opacity=\"0.22\" stroke=\"%s\" stroke-opacity=\"0.6\"><title>%s</title></rect>",
                x, TOP, w, base - TOP, PLANNED, PLANNED, Html.escape(tip)));
        String name = s.jobName().length() > 24 ? s.jobName().substring(0, 23) + "…" : s.jobName();
        svg.append(text(x + 3, TOP + 12 + 12 * (index % 4), 10, "bold", "start", "#17655c", name));
    }

    private static void deadline(StringBuilder svg, Deadline d, Instant now, Instant to, double base) {
        if (d.at() == null || d.at().isBefore(now)) {
            return;
        }
        boolean after = d.at().isAfter(to);
        double x = after ? WIDTH - RIGHT : x(d.at(), now);
        String label = d.jobName() + " deadline" + (after ? " " + WHEN.format(d.at()) + " →" : "");
        svg.append(String.format(Locale.ROOT, "<line class=\"deadline\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
                + " stroke=\"%s\" stroke-width=\"2.5\"><title>%s</title></line>", x, base - 9, x, base + 5, DEADLINE,
                Html.escape(d.jobName() + ": deadline " + WHEN.format(d.at()) + " UTC")));
        svg.append(text(x - 3, base - 11, 10, "normal", "end", DEADLINE, label));
    }

    private static void legend(StringBuilder svg) {
        int x = LEFT + 360;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"10\" stroke=\"%s\" stroke-width=\"2\"/>",
                x, x + 16, LINE));
        svg.append(text(x + 20, 14, 11, "normal", "start", "#000", "forecast"));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"4\" width=\"14\" height=\"11\" fill=\"%s\" fill-opacity=\"0.22\""
                + " stroke=\"%s\"/>", x + 90, PLANNED, PLANNED));
        svg.append(text(x + 108, 14, 11, "normal", "start", "#000", "planned run of a held job"));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"3\" x2=\"%d\" y2=\"16\" stroke=\"%s\" stroke-width=\"2.5\"/>",
                x + 268, x + 268, DEADLINE));
        svg.append(text(x + 274, 14, 11, "normal", "start", "#000", "deadline"));
    }

    private static String text(double x, double y, int size, String weight, String anchor, String colour, String value) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" font-weight=\"%s\""
                + " text-anchor=\"%s\" fill=\"%s\">%s</text>", x, y, size, weight, anchor, colour, Html.escape(value));
    }
}
