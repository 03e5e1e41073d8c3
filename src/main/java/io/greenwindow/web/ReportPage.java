package io.greenwindow.web;

import io.greenwindow.ledger.Ledger;
import io.greenwindow.ledger.MonthlyReport;
import io.greenwindow.ledger.MonthlyReports;
import io.javalin.config.RoutesConfig;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /reports?team=T&month=2026-11}: a team's month as one self-contained HTML page with inline SVG
 * charts (no script, no CDN), for sustainability leads who would rather look than read, and print it.
 */
public final class ReportPage {

    private ReportPage() {
    }

    public static void register(RoutesConfig routes, Ledger ledger) {
        MonthlyReports reports = new MonthlyReports(ledger);
        routes.get("/reports", ctx -> {
            String team = ctx.queryParam("team");
            String month = ctx.queryParam("month");
            if (team == null || team.isBlank() || month == null || month.isBlank()) {
                ctx.status(400).html(page("Report", "<p>Give a team and a month: <code>/reports?team=vision&amp;month=2026-11</code></p>"));
                return;
            }
            YearMonth ym;
            try {
                ym = YearMonth.parse(month);
            } catch (DateTimeParseException e) {
                ctx.status(400).html(page("Report", "<p>month: '" + Html.escape(month) + "' is not a month like 2026-11</p>"));
                return;
            }
            ctx.html(render(reports.of(team, ym)));
        });
    }

    static String render(MonthlyReport r) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>Carbon report: team ").append(Html.escape(r.team())).append(", ").append(r.month()).append("</h1>");
        body.append("<table class=\"totals\">");
        row(body, "Jobs", r.jobs() + (r.pendingJobs() > 0 ? " (" + r.pendingJobs() + " waiting for history)" : ""));
        row(body, "Energy (facility, IT x PUE)", String.format(Locale.ROOT,
                "%.4f kWh: measured %.4f kWh, estimated by a model %.4f kWh", r.facilityKwh(), r.measuredFacilityKwh(),
                r.estimatedFacilityKwh()));
        row(body, "Emitted (inventory, location-based)", String.format(Locale.ROOT, "%,.1f gCO2e", r.inventoryG()));
        row(body, "Avoided by waiting (separate, never added)", String.format(Locale.ROOT, "%,.1f gCO2e", r.avoidedG()));
        row(body, "Projected inference over the models' lifetimes", String.format(Locale.ROOT, "%,.1f gCO2e",
                r.projectedInferenceG()));
        row(body, "Budget", r.budgetKg() == null ? "none configured" : String.format(Locale.ROOT,
                "%.1f%% of %.3f kgCO2e used", r.budgetUsedShare() * 100, r.budgetKg()));
        body.append("</table>");

        List<String> days = new ArrayList<>();
        double[] measured = new double[r.days().size()];
        double[] estimated = new double[r.days().size()];
        double[] grams = new double[r.days().size()];
        double[] zero = new double[r.days().size()];
        for (int i = 0; i < r.days().size(); i++) {
            MonthlyReport.DayLine d = r.days().get(i);
            days.add(String.valueOf(d.date().getDayOfMonth()));
            measured[i] = d.measuredKwh();
            estimated[i] = d.estimatedKwh();
            grams[i] = d.inventoryG();
        }
        body.append("<h2>Energy per day</h2>").append(SvgCharts.stackedBars("Facility energy per day, by method",
                days, measured, estimated, "measured (NVML/RAPL)", "estimated (model)", "kWh"));
        body.append("<h2>Emissions per day</h2>").append(SvgCharts.stackedBars("Inventory per day", days, grams, zero,
                "inventory gCO2e", "", "gCO2e"));

        List<String> jobs = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (MonthlyReport.JobLine j : r.jobLines()) {
            jobs.add(j.jobName());
            values.add(new double[] {nan(j.inventoryG()), nan(j.avoidedG()), nan(j.inferenceLifetimeG())});
        }
        body.append("<h2>Training against inference, per job</h2>")
                .append("<p>A saving in training can be outweighed many times by the model's inference. "
                        + "The bars share one scale.</p>")
                .append(SvgCharts.groupedBars("Emitted, avoided and projected inference per job", jobs, values,
                        List.of("emitted in training", "avoided by waiting", "projected inference"),
                        List.of(SvgCharts.INVENTORY, SvgCharts.AVOIDED, SvgCharts.INFERENCE), "gCO2e"));

        body.append("<h2>Jobs</h2><table><tr><th>Entry</th><th>Job</th><th>Ended (UTC)</th><th>kWh</th><th>Energy method</th>"
                + "<th>gCO2e</th><th>Avoided g</th><th>Inference g</th><th>Break-even</th><th>SCI g per run</th>"
                + "<th>SCI g per 1,000 requests</th><th>Status</th></tr>");
        for (MonthlyReport.JobLine j : r.jobLines()) {
            body.append("<tr><td>").append(j.seq()).append(" (").append(Html.escape(j.kind())).append(")</td><td>")
                    .append(Html.escape(j.jobName())).append("<br><small>").append(Html.escape(j.jobId()))
                    .append("</small></td><td>").append(Html.escape(j.end())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.4f", j.facilityKwh())).append("</td><td>")
                    .append(Html.escape(j.energyMethod())).append("</td><td>").append(grams(j.inventoryG()))
                    .append("</td><td>").append(grams(j.avoidedG())).append("</td><td>").append(grams(j.inferenceLifetimeG()))
                    .append("</td><td>").append(Html.escape(j.breakEven())).append("</td><td>").append(grams(j.sciPerRunG()))
                    .append("</td><td>").append(j.sciPer1000RequestsG() == null ? "" : grams(j.sciPer1000RequestsG()))
                    .append("</td><td>").append(Html.escape(j.status()))
                    .append("</td></tr>");
        }
        body.append("</table>");
        boolean lengths = r.jobLines().stream().anyMatch(j -> !j.responseLengths().isBlank());
        if (lengths) {
            body.append("<h2>Response lengths side by side</h2><p>The same model answering briefly or at length: "
                    + "717 and 6,988 output tokens are the mean chat and reasoning answers on the ML.ENERGY Leaderboard "
                    + "v3.0 (H100/B200), where they cost 184 J and 4,625 J per response.</p><ul>");
            r.jobLines().stream().filter(j -> !j.responseLengths().isBlank()).forEach(j -> body.append("<li><b>")
                    .append(Html.escape(j.jobName())).append("</b>: ").append(Html.escape(j.responseLengths())).append("</li>"));
            body.append("</ul>");
        }
        if (!r.notes().isEmpty()) {
            body.append("<h2>Notes</h2><ul>");
            r.notes().forEach(n -> body.append("<li>").append(Html.escape(n)).append("</li>"));
            body.append("</ul>");
        }
        body.append("<h2>Method and boundary</h2><p>").append(Html.escape(r.method())).append("</p>");
        body.append("<p><a href=\"/api/reports/monthly?team=").append(Html.escape(urlPart(r.team())))
                .append("&amp;month=").append(r.month()).append("&amp;format=csv\">This report as CSV</a></p>");
        return page("Carbon report " + r.team() + " " + r.month(), body.toString());
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + "</title><style>body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
                + "text-align:left;font-size:13px}.totals td:first-child{font-weight:bold}</style></head><body>"
                + body + "</body></html>";
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("<tr><td>").append(Html.escape(name)).append("</td><td>").append(Html.escape(value)).append("</td></tr>");
    }

    private static String grams(Double g) {
        return g == null ? "pending" : String.format(Locale.ROOT, "%,.1f", g);
    }

    private static double nan(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static String urlPart(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
