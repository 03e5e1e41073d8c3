package io.greenwindow.plan.sim;

import io.greenwindow.plan.PlannedSegment;
import io.greenwindow.plan.sim.SimulationResult.JobRun;
import io.greenwindow.plan.sim.SimulationResult.Strategy;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page: intensity per zone over time, the GPUs the chosen policy and the baseline keep
 * busy over the same axis, and the savings of every policy against the optimum. Inline SVG, no scripts.
 */
final class HtmlReport {

    private static final String[] COLOURS = {"#1b7837", "#2166ac", "#b2182b", "#762a83", "#e08214"};
    private static final int W = 1000;
    private static final int H = 220;

    private HtmlReport() {
    }

    static String render(SimulationResult r, String policy, Map<String, Trace> traces, Map<String, Object> inputs) {
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
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>greenwindow simulation")
                .append("</title><style>body{font-family:sans-serif;max-width:1040px;margin:2em auto}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#eee}")
                .append("dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}dt{color:#555}dd{margin:0}")
                .append("</style></head><body><h1>greenwindow simulation</h1>").append(settings(inputs, r.jobs()));
        html.append("<h2>Carbon intensity (g CO2e/kWh, UTC dates MM-DD)</h2>").append(intensityChart(traces, from, to));
        html.append("<h2>GPUs busy: ").append(esc(policy)).append(" (solid) vs run-at-once (dashed)</h2>")
                .append(busyChart(r.strategy(policy).runs(), r.strategy(Simulator.BASELINE).runs(), from, to));
        html.append("<h2>Savings against running at once</h2><table><tr><th>policy</th><th>kg CO2e</th><th>saving</th>")
                .append("<th>share of optimum's saving</th><th>mean delay h</th><th>deadlines missed</th></tr>");
        for (Strategy s : r.strategies()) {
            html.append(String.format(Locale.ROOT, "<tr><td style=\"text-align:left\">%s</td><td>%.1f</td><td>%.1f%%</td>"
                    + "<td>%.1f%%</td><td>%.2f</td><td>%d</td></tr>", esc(s.name()), s.emissionsKg(), 100 * s.saving(),
                    100 * s.shareOfOptimum(), s.meanDelayHours(), s.deadlinesMissed()));
        }
        html.append(String.format(Locale.ROOT, "<tr><td style=\"text-align:left\">clairvoyant optimum</td><td>%.1f</td>"
                + "<td>%.1f%%</td><td>100%%</td><td></td><td>0</td></tr>", r.optimumKg(), 100 * (1 - r.optimumKg() / r.baselineKg())));
        if (r.lpBoundKg() != null) {
            html.append(String.format(Locale.ROOT, "<tr><td style=\"text-align:left\">LP bound with capacity</td><td>%.1f</td>"
                    + "<td>%.1f%%</td><td></td><td></td><td></td></tr>", r.lpBoundKg(), 100 * (1 - r.lpBoundKg() / r.baselineKg())));
        }
        html.append("</table>").append(savingBars(r));
        if (!r.notes().isEmpty()) {
            html.append("<p>").append(esc(String.join("; ", r.notes()))).append("</p>");
        }
        boolean em = traces.values().stream().anyMatch(t -> t.source().startsWith("Electricity Maps"));
        if (em) {
            html.append("<p><small>Carbon intensity data: Electricity Maps (data portal, ODbL).</small></p>");
        }
        return html.append("</body></html>").toString();
    }

    /** The inputs as a two-column list a person can read, rather than a map's toString. */
    private static String settings(Map<String, Object> inputs, int jobs) {
        StringBuilder dl = new StringBuilder("<dl><dt>jobs</dt><dd>").append(jobs).append("</dd>");
        inputs.forEach((k, v) -> dl.append("<dt>").append(esc(k)).append("</dt><dd>")
                .append(esc(v instanceof Map<?, ?> m && m.isEmpty() ? "none (no limit)" : String.valueOf(v))).append("</dd>"));
        return dl.append("</dl>").toString();
    }

    private static String intensityChart(Map<String, Trace> traces, long from, long to) {
        double max = 1;
        for (Trace t : traces.values()) {
            for (double v : t.values()) {
                max = Math.max(max, v);
            }
        }
        StringBuilder svg = svgOpen();
        int c = 0;
        for (Trace t : traces.values()) {
            StringBuilder pts = new StringBuilder();
            int n = (int) Math.max(1, (to - from) / t.step());
            int every = Math.max(1, n / 1500);
            for (long s = Math.max(from, t.start()); s < Math.min(to, t.end()); s += t.step() * every) {
                double v = t.values()[(int) ((s - t.start()) / t.step())];
                pts.append(x(s, from, to)).append(',').append(y(v, max)).append(' ');
            }
            String colour = COLOURS[c++ % COLOURS.length];
            svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1\" points=\"")
                    .append(pts).append("\"/><text x=\"").append(W - 60).append("\" y=\"").append(14 * c)
                    .append("\" fill=\"").append(colour).append("\" font-size=\"12\" font-weight=\"bold\">")
                    .append(esc(t.zone())).append("</text>");
        }
        return axis(svg, from, to, max);
    }

    private static String busyChart(List<JobRun> runs, List<JobRun> baseline, long from, long to) {
        int bins = 1000;
        double[] planned = busy(runs, from, to, bins);
        double[] base = busy(baseline, from, to, bins);
        double max = 1;
        for (int i = 0; i < bins; i++) {
            max = Math.max(max, Math.max(planned[i], base[i]));
        }
        StringBuilder svg = svgOpen();
        svg.append(line(planned, max, "#1b7837", "")).append(line(base, max, "#888", " stroke-dasharray=\"4 3\""));
        return axis(svg, from, to, max);
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

    private static String line(double[] v, double max, String colour, String extra) {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", 40 + (W - 50) * (i + 0.5) / v.length, y(v[i], max)));
        }
        return "<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"1\"" + extra + " points=\"" + pts + "\"/>";
    }

    private static String savingBars(SimulationResult r) {
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + W + "\" height=\""
                + (30 * (r.strategies().size() + 1) + 10) + "\">");
        double optimum = 1 - r.optimumKg() / r.baselineKg();
        double scale = (W - 300) / Math.max(1e-9, Math.max(optimum, 0.01));
        int row = 0;
        for (Strategy s : r.strategies()) {
            svg.append(bar(row++, s.name(), s.saving(), scale, "#1b7837"));
        }
        svg.append(bar(row, "optimum", optimum, scale, "#999"));
        return svg.append("</svg>").toString();
    }

    private static String bar(int row, String name, double saving, double scale, String colour) {
        double w = Math.max(0, saving * scale);
        return String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"12\">%s</text><rect x=\"160\" y=\"%d\" "
                + "width=\"%.1f\" height=\"20\" fill=\"%s\"/><text x=\"%.1f\" y=\"%d\" font-size=\"12\">%.1f%%</text>",
                30 * row + 22, esc(name), 30 * row + 8, w, colour, 165 + w, 30 * row + 22, 100 * saving);
    }

    private static StringBuilder svgOpen() {
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + W + "\" height=\"" + (H + 20) + "\">");
    }

    /** Axes with round value ticks and a date tick per day (per week when the span is long), UTC. */
    private static String axis(StringBuilder svg, long from, long to, double max) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"40\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>", H, W - 10, H));
        double step = niceStep(max / 4);
        for (double v = 0; v <= max + 1e-9; v += step) {
            double yv = y(v, max);
            svg.append(String.format(Locale.ROOT, "<line x1=\"40\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"36\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>", yv, W - 10, yv, yv + 3,
                    String.format(Locale.ROOT, step < 1 ? "%.1f" : "%.0f", v)));
        }
        long day = 86_400;
        long tick = (to - from) > 21 * day ? 7 * day : day;
        for (long t = (from / day + 1) * day; t < to; t += tick) {
            String xt = x(t, from, to);
            svg.append("<line x1=\"").append(xt).append("\" y1=\"").append(H).append("\" x2=\"").append(xt)
                    .append("\" y2=\"").append(H + 4).append("\" stroke=\"#000\"/><text x=\"").append(xt)
                    .append("\" y=\"").append(H + 15).append("\" font-size=\"10\" text-anchor=\"middle\">")
                    .append(Instant.ofEpochSecond(t).toString(), 5, 10).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    private static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String x(long t, long from, long to) {
        return String.format(Locale.ROOT, "%.1f", 40 + (W - 50) * (double) (t - from) / Math.max(1, to - from));
    }

    private static double y(double v, double max) {
        return Math.round((H - 4 - (H - 24) * v / max) * 10) / 10.0;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
