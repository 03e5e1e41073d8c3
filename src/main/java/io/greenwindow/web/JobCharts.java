package io.greenwindow.web;

import io.greenwindow.energy.ComponentEnergy;
import io.greenwindow.energy.EnergyBin;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalPoint;
import io.greenwindow.job.JobEvent;
import io.greenwindow.job.JobState;
import io.greenwindow.ledger.Quantities;
import io.greenwindow.train.TrainingProgress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The pictures of one job's life that are drawn from what happened (the forecast chart draws what is planned):
 * the segments it ran over the grid intensity that applied, its energy per signal interval by how it was obtained,
 * and its loss curve. The first two share one time axis, so that a bar stands under the segment it belongs to.
 */
final class JobCharts {

    static final int WIDTH = 960;
    static final int LEFT = 60;
    static final int RIGHT = 12;
    static final int TOP = 34;
    static final int BOTTOM = 44;
    static final String RAN = "#1f5fa8";

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** One stretch the job really ran: from a RUNNING event to the next event (or now, when still running). */
    record Ran(int index, Instant start, Instant end, boolean open) {
    }

    private JobCharts() {
    }

    /** The stretches of running in {@code events}, in order; {@code now} closes one still open. */
    static List<Ran> runs(List<JobEvent> events, Instant now) {
        List<Ran> runs = new ArrayList<>();
        Instant since = null;
        for (JobEvent e : events) {
            if (e.to() == JobState.RUNNING && since == null) {
                since = e.at();
            } else if (e.to() != JobState.RUNNING && since != null) {
                runs.add(new Ran(runs.size(), since, e.at(), false));
                since = null;
            }
        }
        if (since != null) {
            runs.add(new Ran(runs.size(), since, now.isAfter(since) ? now : since, true));
        }
        return runs;
    }

    /**
     * The axis both run charts share: the runs (else the energy bins) with a margin of a tenth (at least 30 s) each
     * side. Bins cover whole signal intervals (an hour for a one-minute job), so they do not widen it when runs exist.
     */
    static TimeAxis axis(List<Ran> runs, List<EnergyBin> bins) {
        Instant from = null;
        Instant to = null;
        for (Ran r : runs) {
            from = from == null || r.start().isBefore(from) ? r.start() : from;
            to = to == null || r.end().isAfter(to) ? r.end() : to;
        }
        for (EnergyBin b : runs.isEmpty() ? bins : List.<EnergyBin>of()) {
            from = from == null || b.start().isBefore(from) ? b.start() : from;
            to = to == null || b.end().isAfter(to) ? b.end() : to;
        }
        Duration margin = Duration.ofMillis(Math.max(30_000, Duration.between(from, to).toMillis() / 10));
        return new TimeAxis(from.minus(margin), to.plus(margin), LEFT, WIDTH - RIGHT);
    }

    /**
     * The segments run, shaded, over the zone's recorded history (the intensity that applied, as steps). Without
     * history for the span the segments are drawn alone and the title says that the intensity is not known yet.
     */
    static Svg runsOverIntensity(String zone, List<Ran> runs, Signal history, TimeAxis axis) {
        int height = 250;
        double base = height - BOTTOM;
        double max = 0;
        if (history != null) {
            for (SignalPoint p : history.points()) {
                if (p.start().isBefore(axis.to()) && p.start().plus(history.step()).isAfter(axis.from())) {
                    max = Math.max(max, p.gPerKwh());
                }
            }
        }
        boolean known = max > 0;
        String title = "Segments run in " + zone + (known ? " over the grid intensity that applied (recorded history)"
                : "; no grid history recorded for this span yet");
        StringBuilder svg = SvgCharts.open("runs", title, WIDTH, height);
        double scale = SvgCharts.valueAxis(svg, max, known ? "g CO2e/kWh" : "g CO2e/kWh (no history yet)", LEFT,
                WIDTH - RIGHT, TOP, base);
        axis.draw(svg, TOP, base, height - 4);
        for (Ran r : runs) {
            double x = axis.x(axis.clip(r.start()));
            double w = Math.max(2, axis.x(axis.clip(r.end())) - x);
            long seconds = Duration.between(r.start(), r.end()).toSeconds();
            String tip = "segment " + (r.index() + 1) + ": ran " + CLOCK.format(r.start()) + " to " + CLOCK.format(r.end())
                    + " UTC (" + seconds + " s" + (r.open() ? ", still running" : "") + ")";
            svg.append(String.format(Locale.ROOT, "<g class=\"run-segment\" data-segment=\"%d\" data-start=\"%s\""
                    + " data-end=\"%s\">", r.index(), r.start(), r.end()));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\""
                    + " fill-opacity=\"0.25\" stroke=\"%s\"><title>%s</title></rect>", x, TOP, w, base - TOP, RAN, RAN,
                    Svg.text(tip)));
            svg.append(SvgCharts.text(x + 3, TOP + 12, 10, "bold", "start", RAN, "segment " + (r.index() + 1)));
            svg.append("</g>");
        }
        if (known) {
            svg.append(ForecastChart.steps(history, axis, base, scale, "history-intensity", SvgCharts.LINE));
        }
        double lx = LEFT + 330;
        SvgCharts.lineLegend(svg, lx, 14, SvgCharts.LINE, "", known ? "intensity that applied (history: "
                + history.source() + ")" : "no history yet");
        SvgCharts.legend(svg, lx + 330, 14, RAN, "segment run");
        return SvgCharts.close(svg);
    }

    /**
     * The job's IT energy (before PUE) per signal interval, as the ledger binned it, each bar stacked from what
     * counters measured under what a model estimated. Each bar stands on the same time axis as the segments, over
     * the part of its interval in which the job ran (from its first start to its last end), so that a whole-hour
     * interval of a one-minute job does not look like an hour of running; its tooltip names the whole interval.
     */
    static Svg energyPerInterval(List<EnergyBin> bins, List<Ran> runs, TimeAxis axis) {
        Instant ranFrom = runs.isEmpty() ? axis.from() : runs.get(0).start();
        Instant ranTo = runs.isEmpty() ? axis.to() : runs.get(runs.size() - 1).end();
        int height = 230;
        double base = height - BOTTOM;
        double max = 0;
        for (EnergyBin b : bins) {
            max = Math.max(max, b.kwh());
        }
        Quantities.Unit unit = Quantities.energyUnit(max);
        StringBuilder svg = SvgCharts.open("energy", "IT energy per grid interval (before PUE), measured and estimated",
                WIDTH, height);
        double scale = SvgCharts.valueAxis(svg, unit.of(max), unit.name() + " (IT, before PUE)", LEFT, WIDTH - RIGHT,
                TOP, base);
        axis.draw(svg, TOP, base, height - 4);
        for (EnergyBin b : bins) {
            double measured = 0;
            double estimated = 0;
            for (ComponentEnergy c : b.components()) {
                if (c.method().isMeasured()) {
                    measured += c.kwh();
                } else {
                    estimated += c.kwh();
                }
            }
            Instant a = b.start().isBefore(ranFrom) ? ranFrom : b.start();
            Instant z = b.end().isAfter(ranTo) ? ranTo : b.end();
            double x = axis.x(axis.clip(a));
            double w = Math.max(3, axis.x(axis.clip(z.isAfter(a) ? z : a)) - x - 1);
            double h1 = SvgCharts.visible(unit.of(measured) * scale, measured);
            double h2 = SvgCharts.visible(unit.of(estimated) * scale, estimated);
            String when = "interval " + CLOCK.format(b.start()) + " to " + CLOCK.format(b.end()) + " UTC";
            svg.append(String.format(Locale.ROOT, "<g class=\"energy-bar\" data-start=\"%s\" data-end=\"%s\""
                    + " data-measured-kwh=\"%s\" data-estimated-kwh=\"%s\">", b.start(), b.end(), measured, estimated));
            SvgCharts.rect(svg, "measured", x, base - h1, w, h1, SvgCharts.MEASURED,
                    when + ": " + Quantities.energy(measured) + " measured by counters");
            SvgCharts.rect(svg, "estimated", x, base - h1 - h2, w, h2, SvgCharts.ESTIMATED,
                    when + ": " + Quantities.energy(estimated) + " estimated by a model");
            svg.append("</g>");
        }
        SvgCharts.legend(svg, LEFT + 330, 14, SvgCharts.MEASURED, "measured (NVML or RAPL counters)");
        SvgCharts.legend(svg, LEFT + 580, 14, SvgCharts.ESTIMATED, "estimated by a model");
        return SvgCharts.close(svg);
    }

    /** The loss against examples seen, as one polyline over a value axis of the loss's own range. */
    static Svg loss(List<TrainingProgress.LossPoint> points) {
        int height = 220;
        int top = 30;
        int bottom = 36;
        long maxX = Math.max(1, points.get(points.size() - 1).examples());
        double lo = points.stream().mapToDouble(TrainingProgress.LossPoint::loss).min().orElse(0);
        double hi = points.stream().mapToDouble(TrainingProgress.LossPoint::loss).max().orElse(1);
        double span = hi > lo ? hi - lo : 1;
        double w = WIDTH - LEFT - RIGHT;
        double h = height - top - bottom;
        StringBuilder svg = SvgCharts.open("loss", "Training loss from " + fmt(points.get(0).loss()) + " to "
                + fmt(points.get(points.size() - 1).loss()) + " over " + maxX + " examples", WIDTH, height);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\"/>",
                LEFT, top + h, LEFT + w, top + h));
        svg.append(SvgCharts.text(LEFT - 5, top + 4, 10, "normal", "end", "#000", fmt(hi)));
        svg.append(SvgCharts.text(LEFT - 5, top + h, 10, "normal", "end", "#000", fmt(lo)));
        svg.append(SvgCharts.text(4, 14, 11, "bold", "start", "#000", "loss (as the trainer reported it)"));
        svg.append(SvgCharts.text(LEFT + w / 2, height - 6, 11, "normal", "middle", "#000", "examples seen (0 to " + maxX + ")"));
        StringBuilder pts = new StringBuilder();
        for (TrainingProgress.LossPoint p : points) {
            double x = LEFT + w * p.examples() / maxX;
            double y = top + h * (hi - p.loss()) / span;
            pts.append(pts.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
        }
        svg.append("<polyline class=\"loss-curve\" fill=\"none\" stroke=\"").append(SvgCharts.LINE)
                .append("\" stroke-width=\"2\" points=\"").append(pts).append("\"/>");
        return SvgCharts.close(svg);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
