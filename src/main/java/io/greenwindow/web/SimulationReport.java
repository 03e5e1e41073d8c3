package io.greenwindow.web;

import io.greenwindow.plan.PlannedSegment;
import io.greenwindow.plan.sim.SimulationResult;
import io.greenwindow.plan.sim.SimulationResult.JobRun;
import io.greenwindow.plan.sim.SimulationResult.Strategy;
import io.greenwindow.plan.sim.Simulator;
import io.greenwindow.plan.sim.Trace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report {@code greenwindow simulate} writes ({@code report.html}, template {@code simulation.jte}): the inputs,
 * intensity per zone over time, the GPUs the chosen policy and the baseline keep busy over the same axis, and the
 * savings of every policy against the optimum. One self-contained page: inline SVG, no scripts.
 */
public final class SimulationReport {

    private static final String[] COLOURS = {"#1b7837", "#2166ac", "#b2182b", "#762a83", "#e08214"};
    private static final int W = 1000;
    private static final int H = 240;
    private static final int LEFT = 50;
    private static final int RIGHT = 10;
    private static final int TOP = 28;
    private static final int BOTTOM = 40;

    /** What the template shows. */
    record View(String policy, List<Setting> settings, Svg intensity, Svg busy, List<Row> rows, Svg savings,
            String notes, boolean electricityMaps) {
    }

    record Setting(String name, String value) {
    }

    record Row(String policy, String kg, String saving, String shareOfOptimum, String meanDelayHours, String missed) {
    }

    private SimulationReport() {
    }

    public static String render(SimulationResult r, String policy, Map<String, Trace> traces, Map<String, Object> inputs) {
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (JobRun run : r.strategy(Simulator.BASELINE).runs()) {
            from = Math.min(from, run.segments().get(0).start().getEpochSecond());
        }
        for (JobRun run : r.strategy(policy).runs()) {
            to = Math.max(to, run.segments().get(run.segments().size() - 1).end().getEpochSecond());
        }
        if (from >= to) {
            Trace first = traces.values().iterator().next();
            from = first.start();
            to = first.end();
        }
        TimeAxis axis = new TimeAxis(Instant.ofEpochSecond(from), Instant.ofEpochSecond(to), LEFT, W - RIGHT);
        List<Setting> settings = new ArrayList<>();
        settings.add(new Setting("jobs", String.valueOf(r.jobs())));
        inputs.forEach((k, v) -> settings.add(new Setting(k,
                v instanceof Map<?, ?> m && m.isEmpty() ? "none (no limit)" : String.valueOf(v))));
        List<Row> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<double[]> savings = new ArrayList<>();
        for (Strategy s : r.strategies()) {
            rows.add(new Row(s.name(), f("%.1f", s.emissionsKg()), f("%.1f%%", 100 * s.saving()),
                    f("%.1f%%", 100 * s.shareOfOptimum()), f("%.2f", s.meanDelayHours()), String.valueOf(s.deadlinesMissed())));
            names.add(s.name());
            savings.add(new double[] {100 * s.saving()});
        }
        double optimum = 1 - r.optimumKg() / r.baselineKg();
        rows.add(new Row("clairvoyant optimum", f("%.1f", r.optimumKg()), f("%.1f%%", 100 * optimum), "100%", "", "0"));
        names.add("clairvoyant optimum");
        savings.add(new double[] {100 * optimum});
        if (r.lpBoundKg() != null) {
            rows.add(new Row("LP bound with capacity", f("%.1f", r.lpBoundKg()),
                    f("%.1f%%", 100 * (1 - r.lpBoundKg() / r.baselineKg())), "", "", ""));
        }
        Svg savingBars = SvgCharts.groupedBars("Saving of each policy against running at once", names, savings,
                names.stream().map(n -> new String[] {"none"}).toList(), List.of("saving against running at once"),
                List.of(COLOURS[0]), v -> f("%.1f%%", v));
        boolean em = traces.values().stream().anyMatch(t -> t.source().startsWith("Electricity Maps"));
        return Templates.render("simulation.jte", new View(policy, settings, intensity(traces, axis),
                busy(r.strategy(policy).runs(), r.strategy(Simulator.BASELINE).runs(), policy, axis), rows, savingBars,
                String.join("; ", r.notes()), em));
    }

    private static Svg intensity(Map<String, Trace> traces, TimeAxis axis) {
        double max = 1;
        for (Trace t : traces.values()) {
            for (double v : t.values()) {
                max = Math.max(max, v);
            }
        }
        long from = axis.from().getEpochSecond();
        long to = axis.to().getEpochSecond();
        StringBuilder svg = SvgCharts.open("intensity", "Carbon intensity per zone over the simulated span", W, H);
        double base = H - BOTTOM;
        double scale = SvgCharts.valueAxis(svg, max, "g CO2e/kWh", LEFT, W - RIGHT, TOP, base);
        axis.draw(svg, TOP, base, H - 4);
        int c = 0;
        for (Trace t : traces.values()) {
            StringBuilder pts = new StringBuilder();
            int n = (int) Math.max(1, (to - from) / t.step());
            int every = Math.max(1, n / 1500);
            for (long s = Math.max(from, t.start()); s < Math.min(to, t.end()); s += t.step() * every) {
                double v = t.values()[(int) ((s - t.start()) / t.step())];
                pts.append(Svg.n(axis.x(Instant.ofEpochSecond(s)))).append(',').append(Svg.n(base - v * scale)).append(' ');
            }
            String colour = COLOURS[c % COLOURS.length];
            svg.append("<polyline class=\"zone-intensity\" data-zone=\"").append(Svg.attr(t.zone()))
                    .append("\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1\" points=\"")
                    .append(pts).append("\"/>");
            SvgCharts.lineLegend(svg, LEFT + 200 + 90 * c, 14, colour, "", t.zone());
            c++;
        }
        return SvgCharts.close(svg);
    }

    private static Svg busy(List<JobRun> runs, List<JobRun> baseline, String policy, TimeAxis axis) {
        int bins = 1000;
        long from = axis.from().getEpochSecond();
        long to = axis.to().getEpochSecond();
        double[] planned = busy(runs, from, to, bins);
        double[] base = busy(baseline, from, to, bins);
        double max = 1;
        for (int i = 0; i < bins; i++) {
            max = Math.max(max, Math.max(planned[i], base[i]));
        }
        StringBuilder svg = SvgCharts.open("busy", "GPUs busy: " + policy + " against running at once", W, H);
        double y0 = H - BOTTOM;
        double scale = SvgCharts.valueAxis(svg, max, "GPUs busy", LEFT, W - RIGHT, TOP, y0);
        axis.draw(svg, TOP, y0, H - 4);
        svg.append(line(planned, y0, scale, COLOURS[0], "", "policy"))
                .append(line(base, y0, scale, "#888", " stroke-dasharray=\"4 3\"", "baseline"));
        SvgCharts.lineLegend(svg, LEFT + 200, 14, COLOURS[0], "", policy);
        SvgCharts.lineLegend(svg, LEFT + 420, 14, "#888", "4 3", Simulator.BASELINE);
        return SvgCharts.close(svg);
    }

    private static double[] busy(List<JobRun> runs, long from, long to, int bins) {
        double[] gpuSeconds = new double[bins];
        double width = (double) (to - from) / bins;
        for (JobRun run : runs) {
            for (PlannedSegment s : run.segments()) {
                long a = Math.max(from, s.start().getEpochSecond());
                long b = Math.min(to, s.end().getEpochSecond());
                for (int i = (int) ((a - from) / width); i < bins && from + i * width < b; i++) {
                    double lo = Math.max(a, from + i * width);
                    double hi = Math.min(b, from + (i + 1) * width);
                    gpuSeconds[i] += Math.max(0, hi - lo) * Math.max(1, run.gpus());
                }
            }
        }
        for (int i = 0; i < bins; i++) {
            gpuSeconds[i] /= width;
        }
        return gpuSeconds;
    }

    private static String line(double[] v, double base, double scale, String colour, String extra, String cssClass) {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            pts.append(Svg.n(LEFT + (W - LEFT - RIGHT) * (i + 0.5) / v.length)).append(',')
                    .append(Svg.n(base - v[i] * scale)).append(' ');
        }
        return "<polyline class=\"" + cssClass + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"1\"" + extra
                + " points=\"" + pts + "\"/>";
    }

    private static String f(String format, double v) {
        return String.format(Locale.ROOT, format, v);
    }
}
