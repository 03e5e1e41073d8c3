package io.greenwindow.web;

import io.greenwindow.ledger.Ledger;
import io.greenwindow.ledger.LedgerTable;
import io.greenwindow.ledger.MonthlyReport;
import io.greenwindow.ledger.MonthlyReports;
import io.greenwindow.ledger.Quantities;
import io.greenwindow.policy.PolicyStore;
import io.javalin.config.RoutesConfig;
import java.time.YearMonth;
import java.time.format.TextStyle;
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
        register(routes, ledger, (PolicyStore) null);
    }

    /** As {@link #register(RoutesConfig, Ledger)}, with "budget used" read from the admins' policies. */
    public static void register(RoutesConfig routes, Ledger ledger, PolicyStore policies) {
        register(routes, new MonthlyReports(ledger, policies));
        WhatIfPage.register(routes, ledger);
    }

    public static void register(RoutesConfig routes, MonthlyReports reports) {
        routes.get("/reports", ctx -> {
            String team = ctx.queryParam("team");
            String month = ctx.queryParam("month");
            if (team == null || team.isBlank()) {
                ctx.status(400).html(page("Report", "<p>Give a team (and a month, else the current one): "
                        + "<code>/reports?team=vision&amp;month=2026-11</code></p>"));
                return;
            }
            YearMonth ym;
            try {
                // Without a month, the current UTC month: the page's title says which it is.
                ym = month == null || month.isBlank() ? reports.currentMonth() : YearMonth.parse(month);
            } catch (DateTimeParseException e) {
                ctx.status(400).html(page("Report", "<p>month: '" + Html.escape(month) + "' is not a month like 2026-11</p>"));
                return;
            }
            ctx.html(render(reports.of(team, ym)));
        });
    }

    static String render(MonthlyReport r) {
        StringBuilder body = new StringBuilder();
        String monthName = r.month().getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + r.month().getYear();
        body.append("<h1>Carbon report: team ").append(Html.escape(r.team())).append(", ").append(monthName).append("</h1>");
        body.append("<p class=\"sub\">Jobs whose run ended from ").append(r.month().atDay(1)).append(" to ")
                .append(r.month().atEndOfMonth()).append(" (UTC). Figures in CO2e (carbon dioxide equivalent); "
                        + "energy is facility energy, the IT energy measured or estimated times PUE.</p>");
        body.append("<table class=\"totals\">");
        row(body, "Jobs", r.jobs() + (r.pendingJobs() > 0 ? " (" + r.pendingJobs() + " waiting for grid history)" : ""));
        row(body, "Energy (facility)", energySplit(r));
        row(body, "PUE (facility over IT energy)", pue(r));
        row(body, "Emitted in training (inventory, location-based)", Quantities.carbon(r.inventoryG()));
        row(body, "Avoided by waiting for greener hours (a separate figure, not subtracted from the inventory)",
                Quantities.carbon(r.avoidedG()));
        row(body, "Projected inference of the trained models over their deployment lifetimes",
                Quantities.carbon(r.projectedInferenceG()) + " (projected, not measured: each model's probe energy per "
                        + "answer x its spec's requests over the deployment lifetime x deployment PUE x the deployment "
                        + "zone's average intensity; one lifetime per deployed model; each job's inputs in the Jobs table)");
        boolean over = r.budgetKg() != null && r.inventoryG() > r.budgetKg() * 1000;
        body.append("<tr><td>Monthly carbon budget</td><td").append(over ? " class=\"over\">" : ">")
                .append(Html.escape(LedgerTable.budget(r))).append("</td></tr>");
        body.append("</table>");

        int n = r.days().size();
        List<String> days = new ArrayList<>();
        double maxKwh = 0, maxG = 0;
        for (MonthlyReport.DayLine d : r.days()) {
            days.add(String.valueOf(d.date().getDayOfMonth()));
            maxKwh = Math.max(maxKwh, d.measuredKwh() + d.estimatedKwh());
            maxG = Math.max(maxG, d.inventoryG());
        }
        Quantities.Unit energyUnit = Quantities.energyUnit(maxKwh);
        Quantities.Unit carbonUnit = Quantities.carbonUnit(maxG);
        double[] measured = new double[n];
        double[] estimated = new double[n];
        double[] grams = new double[n];
        for (int i = 0; i < n; i++) {
            MonthlyReport.DayLine d = r.days().get(i);
            measured[i] = energyUnit.of(d.measuredKwh());
            estimated[i] = energyUnit.of(d.estimatedKwh());
            grams[i] = carbonUnit.of(d.inventoryG());
        }
        String xTitle = "Day of " + monthName + " (UTC)";
        body.append("<h2>Energy per day</h2>").append(SvgCharts.stackedBars("Facility energy per day, by how it was obtained",
                days, measured, estimated, "measured (NVML or RAPL counters)", "estimated by a model",
                energyUnit.name() + " per day", xTitle, SvgCharts.MEASURED, SvgCharts.ESTIMATED));
        body.append("<h2>Emissions per day</h2>").append(SvgCharts.stackedBars("Emitted in training per day (inventory)",
                days, grams, new double[n], "emitted in training (inventory)", "", carbonUnit.name() + " per day", xTitle,
                SvgCharts.INVENTORY, SvgCharts.INVENTORY));

        List<String> jobs = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        List<String[]> missing = new ArrayList<>();
        for (MonthlyReport.JobLine j : r.jobLines()) {
            jobs.add(j.jobName().equals(j.jobId()) ? j.jobName() : j.jobName() + " (" + j.jobId() + ")");
            values.add(new double[] {nan(j.inventoryG()), nan(j.avoidedG()), nan(j.inferenceLifetimeG())});
            String pending = "waiting for grid history";
            missing.add(new String[] {pending, pending, j.responseLengths().isBlank() && noProjection(j)
                    ? "none (no inference probe or serving assumptions)" : "waiting for the deployment zone's intensity"});
        }
        body.append("<h2>Training against inference, per job</h2>")
                .append("<p>A saving in training can be outweighed many times by the model's inference. "
                        + "The bars share one linear scale; each figure is written beside its bar.</p>")
                .append(SvgCharts.groupedBars("Emitted, avoided and projected inference per job", jobs, values, missing,
                        List.of("emitted in training", "avoided by waiting", "projected inference"),
                        List.of(SvgCharts.INVENTORY, SvgCharts.AVOIDED, SvgCharts.INFERENCE), Quantities::carbon));

        body.append("<h2>Jobs</h2><table><tr><th>Ledger entry</th><th>Job</th><th>Run ended (UTC)</th><th>Energy</th>"
                + "<th>Energy method</th><th>Grid zone, intensity</th><th>PUE</th><th>Emitted</th><th>Avoided by waiting</th>"
                + "<th>Projected inference</th><th>Break-even</th><th>SCI per training run</th>"
                + "<th>SCI per 1,000 requests</th><th>Status</th></tr>");
        for (MonthlyReport.JobLine j : r.jobLines()) {
            body.append("<tr><td>").append(j.seq()).append(" (").append(Html.escape(j.kind())).append(")</td><td>")
                    .append(Html.escape(j.jobName())).append("<br><small>").append(Html.escape(j.jobId()))
                    .append("</small></td><td>").append(Html.escape(ended(j.end()))).append("</td><td>")
                    .append(Html.escape(Quantities.energy(j.facilityKwh()))).append("</td><td>")
                    .append(Html.escape(j.energyMethod())).append("</td><td>").append(Html.escape(j.zone()))
                    .append(j.intensityGPerKwh() == null ? ", pending" : ", " + Html.escape(
                            Quantities.significant(j.intensityGPerKwh())) + " gCO2e/kWh")
                    .append("</td><td>training ").append(j.pueKnown() ? Html.escape(Quantities.significant(j.pue()))
                            : "unknown, 1.0 assumed")
                    .append(j.deploymentPueKnown() == null ? "" : j.deploymentPueKnown() ? "; deployment known"
                            : "; deployment unknown, 1.0 assumed")
                    .append("</td><td>").append(grams(j.inventoryG()))
                    .append("</td><td>").append(grams(j.avoidedG())).append("</td><td>")
                    .append(j.inferenceLifetimeG() == null && noProjection(j) ? "none" : grams(j.inferenceLifetimeG()))
                    .append(small(j.inferenceMethod()))
                    .append("</td><td>").append(Html.escape(j.breakEven())).append("</td><td>").append(grams(j.sciPerRunG()))
                    .append("</td><td>").append(j.sciPer1000RequestsG() == null && noProjection(j) ? "none"
                            : grams(j.sciPer1000RequestsG()))
                    .append(small(j.sciMethod()))
                    .append("</td><td>").append(Html.escape(j.status()))
                    .append("</td></tr>");
        }
        body.append("</table>");
        if (!r.signalSources().isEmpty()) {
            body.append("<p><b>Grid intensity data</b> (the intensities above and the emitted and avoided figures "
                    + "come from it):</p><ul>");
            r.signalSources().forEach(s -> body.append("<li>").append(Html.escape(s)).append("</li>"));
            body.append("</ul>");
        }
        r.attributions().forEach(a -> body.append("<p class=\"credit\">").append(Html.escape(a)).append("</p>"));
        boolean lengths = r.jobLines().stream().anyMatch(j -> !j.responseLengths().isBlank());
        if (lengths) {
            body.append("<h2>Response lengths side by side</h2><p>The same model answering briefly or at length: "
                    + "717 and 6,988 output tokens are the mean chat and reasoning answers on the ML.ENERGY Leaderboard "
                    + "v3.0 (H100/B200), where they cost 184 J and 4,625 J per response.</p><ul>");
            r.jobLines().stream().filter(j -> !j.responseLengths().isBlank()).forEach(j -> {
                body.append("<li><b>").append(Html.escape(j.jobName())).append("</b> (entry ").append(j.seq())
                        .append(")<ul>");
                for (String length : j.responseLengths().split(" \\| ")) {
                    body.append("<li>").append(Html.escape(length)).append("</li>");
                }
                body.append("</ul></li>");
            });
            body.append("</ul>");
        }
        List<MonthlyReport.JobLine> projected = r.jobLines().stream().filter(j -> !noProjection(j)).toList();
        if (!projected.isEmpty()) {
            body.append("<h2>What if: inference after training</h2><p>Change a trained model's requests per day, "
                    + "deployment lifetime, answer length, zone or PUE and see its inference against the saving "
                    + "waiting made in its training.</p>");
            for (MonthlyReport.JobLine j : projected) {
                body.append("<h3>").append(Html.escape(j.jobName())).append(" <small>(").append(Html.escape(j.jobId()))
                        .append(")</small></h3>").append(WhatIfPage.form(WhatIfPage.forJob(j.jobId())));
            }
        }
        if (!r.notes().isEmpty()) {
            body.append("<h2>Notes</h2><ul>");
            r.notes().forEach(n2 -> body.append("<li>").append(Html.escape(n2)).append("</li>"));
            body.append("</ul>");
        }
        body.append("<h2>Method and boundary</h2><dl class=\"method\">");
        for (String part : METHOD_LABEL.split(r.method())) {
            int colon = part.indexOf(": ");
            if (colon > 0 && colon < 30) {
                body.append("<dt>").append(Html.escape(part.substring(0, colon))).append("</dt><dd>")
                        .append(Html.escape(part.substring(colon + 2).trim())).append("</dd>");
            } else if (!part.isBlank()) {
                body.append("<dd>").append(Html.escape(part.trim())).append("</dd>");
            }
        }
        body.append("</dl>");
        body.append(headSection(r.head()));
        body.append("<p><a href=\"/api/reports/monthly?team=").append(Html.escape(urlPart(r.team())))
                .append("&amp;month=").append(r.month()).append("&amp;format=csv\">This report as CSV</a> (full precision)</p>");
        return page("Carbon report " + r.team() + " " + r.month(), body.toString());
    }

    /** The signed head the report was made at, so that a reader can later check the ledger still holds it. */
    static String headSection(io.greenwindow.ledger.LedgerHead head) {
        if (head == null) {
            return "";
        }
        StringBuilder out = new StringBuilder("<h2>Ledger head</h2><p>This report was made at ledger entry ")
                .append(head.seq()).append(" with hash <code>").append(Html.escape(head.hash())).append("</code> (")
                .append(Html.escape(head.signedAt().toString())).append("). Check it later with <code>greenwindow "
                        + "ledger verify --head ").append(Html.escape(head.written())).append("</code>.</p>");
        if (head.signature() == null) {
            out.append("<p>Unsigned: this node has no ledger signing key.</p>");
        } else {
            out.append("<p class=\"credit\">Ed25519 signature <code>").append(Html.escape(head.signature()))
                    .append("</code> by public key <code>").append(Html.escape(head.publicKey())).append("</code></p>");
        }
        return out.toString();
    }

    /** Splits the method statement before each of its labels, so that each reads as its own line. */
    private static final java.util.regex.Pattern METHOD_LABEL = java.util.regex.Pattern.compile(
            "(?<=\\. )(?=(Avoided|Projected inference|Month|SCI|Operational|Embodied|Excluded): )");

    private static boolean noProjection(MonthlyReport.JobLine j) {
        return "no inference projection".equals(j.breakEven());
    }

    /** "391 Wh: measured 360 Wh, estimated by a model 30.6 Wh", or "20.7 Wh, all estimated by a model". */
    private static String energySplit(MonthlyReport r) {
        if (r.facilityKwh() == 0) {
            return "none recorded";
        }
        if (r.measuredFacilityKwh() == 0) {
            return Quantities.energy(r.facilityKwh()) + ", all estimated by a model (no energy counter was read)";
        }
        if (r.estimatedFacilityKwh() == 0) {
            return Quantities.energy(r.facilityKwh()) + ", all measured by NVML or RAPL counters";
        }
        return Quantities.energy(r.facilityKwh()) + ": measured " + Quantities.energy(r.measuredFacilityKwh())
                + ", estimated by a model " + Quantities.energy(r.estimatedFacilityKwh());
    }

    /** The month's energy-weighted PUE and how many jobs assumed 1.0 because theirs is unknown. */
    private static String pue(MonthlyReport r) {
        if (r.itKwh() <= 0) {
            return "no energy recorded";
        }
        long unknown = r.jobLines().stream().filter(j -> !j.pueKnown()).count();
        long deployment = r.jobLines().stream().filter(j -> Boolean.FALSE.equals(j.deploymentPueKnown())).count();
        return Quantities.significant(r.facilityKwh() / r.itKwh()) + " on average in training (each job's in the Jobs table)"
                + (unknown == 0 ? "" : "; training PUE unknown for " + unknown + " job(s), where 1.0 is assumed and understates")
                + (deployment == 0 ? "" : "; deployment PUE unknown for " + deployment + " trained model(s), where 1.0 "
                        + "is assumed and the projected inference understates");
    }

    /** "2026-11-02T02:30:00Z" as "2026-11-02 02:30". */
    private static String ended(String instant) {
        return instant.length() >= 16 && instant.charAt(10) == 'T' ? instant.substring(0, 10) + " " + instant.substring(11, 16)
                : instant;
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + "</title><style>body{font-family:sans-serif;max-width:72em;margin:2em auto;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
                + "text-align:left;font-size:13px;vertical-align:top}.totals td:first-child{font-weight:bold}"
                + ".sub{color:#555}.credit{font-size:12px;color:#555}.over{color:#b00020;font-weight:bold}"
                + "dl.method dt{font-weight:bold;margin-top:.5em}dl.method dd{margin-left:1.5em}</style></head><body>"
                + body + "</body></html>";
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("<tr><td>").append(Html.escape(name)).append("</td><td>").append(Html.escape(value)).append("</td></tr>");
    }

    /** A figure's method under it, small. */
    private static String small(String method) {
        return method == null || method.isBlank() ? "" : "<br><small>" + Html.escape(method) + "</small>";
    }

    private static String grams(Double g) {
        return Html.escape(Quantities.carbon(g, "pending"));
    }

    private static double nan(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static String urlPart(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
