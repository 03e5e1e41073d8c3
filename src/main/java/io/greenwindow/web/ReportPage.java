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
                ctx.status(400).html(MessageView.page("Report", "Give a team (and a month, else the current one): ",
                        "/reports?team=vision&month=2026-11", null));
                return;
            }
            YearMonth ym;
            try {
                // Without a month, the current UTC month: the page's title says which it is.
                ym = month == null || month.isBlank() ? reports.currentMonth() : YearMonth.parse(month);
            } catch (DateTimeParseException e) {
                ctx.status(400).html(MessageView.page("Report", "month: '" + month + "' is not a month like 2026-11", null, null));
                return;
            }
            ctx.html(render(reports.of(team, ym)));
        });
    }

    static String render(MonthlyReport r) {
        String monthName = r.month().getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + r.month().getYear();
        List<ReportView.Total> totals = new ArrayList<>();
        totals.add(total("Jobs", r.jobs() + (r.pendingJobs() > 0 ? " (" + r.pendingJobs() + " waiting for grid history)" : "")));
        totals.add(total("Energy (facility)", energySplit(r)));
        totals.add(total("PUE (facility over IT energy)", pue(r)));
        totals.add(total("Emitted in training (inventory, location-based)", Quantities.carbon(r.inventoryG())));
        totals.add(total("Avoided by waiting for greener hours (a separate figure, not subtracted from the inventory)",
                Quantities.carbon(r.avoidedG())));
        totals.add(total("Projected inference of the trained models over their deployment lifetimes",
                Quantities.carbon(r.projectedInferenceG()) + " (projected, not measured: each model's probe energy per "
                        + "answer x its spec's requests over the deployment lifetime x deployment PUE x the deployment "
                        + "zone's average intensity; one lifetime per deployed model; each job's inputs in the Jobs table)"));
        boolean over = r.budgetKg() != null && r.inventoryG() > r.budgetKg() * 1000;
        totals.add(new ReportView.Total("Monthly carbon budget", LedgerTable.budget(r), over));

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
        Svg energyChart = SvgCharts.stackedBars("Facility energy per day, by how it was obtained", days, measured,
                estimated, "measured (NVML or RAPL counters)", "estimated by a model", energyUnit.name() + " per day",
                xTitle, SvgCharts.MEASURED, SvgCharts.ESTIMATED);
        Svg emissionsChart = SvgCharts.stackedBars("Emitted in training per day (inventory)", days, grams,
                new double[n], "emitted in training (inventory)", "", carbonUnit.name() + " per day", xTitle,
                SvgCharts.INVENTORY, SvgCharts.INVENTORY);

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
        Svg jobsChart = SvgCharts.groupedBars("Emitted, avoided and projected inference per job", jobs, values, missing,
                List.of("emitted in training", "avoided by waiting", "projected inference"),
                List.of(SvgCharts.INVENTORY, SvgCharts.AVOIDED, SvgCharts.INFERENCE), Quantities::carbon);

        List<ReportView.Lengths> lengths = new ArrayList<>();
        List<ReportView.WhatIf> whatIfs = new ArrayList<>();
        for (MonthlyReport.JobLine j : r.jobLines()) {
            if (!j.responseLengths().isBlank()) {
                lengths.add(new ReportView.Lengths(j.jobName(), j.seq(), List.of(j.responseLengths().split(" \\| "))));
            }
            if (!noProjection(j)) {
                whatIfs.add(new ReportView.WhatIf(j.jobName(), j.jobId(), WhatIfPage.form(WhatIfPage.forJob(j.jobId()))));
            }
        }
        List<ReportView.MethodPart> method = new ArrayList<>();
        for (String part : METHOD_LABEL.split(r.method())) {
            int colon = part.indexOf(": ");
            if (colon > 0 && colon < 30) {
                method.add(new ReportView.MethodPart(part.substring(0, colon), part.substring(colon + 2).trim()));
            } else if (!part.isBlank()) {
                method.add(new ReportView.MethodPart(null, part.trim()));
            }
        }
        String csv = "/api/reports/monthly?team=" + urlPart(r.team()) + "&month=" + r.month() + "&format=csv";
        return Templates.render("report.jte", new ReportView("Carbon report " + r.team() + " " + r.month(), r.team(),
                monthName, r.month().atDay(1).toString(), r.month().atEndOfMonth().toString(), totals, energyChart,
                emissionsChart, jobsChart, r.jobLines().stream().map(ReportPage::row).toList(), r.signalSources(),
                r.attributions(), lengths, whatIfs, r.notes(), method, r.head(), csv));
    }

    private static ReportView.JobRow row(MonthlyReport.JobLine j) {
        String pue = "training " + (j.pueKnown() ? Quantities.significant(j.pue()) : "unknown, 1.0 assumed")
                + (j.deploymentPueKnown() == null ? "" : j.deploymentPueKnown() ? "; deployment known"
                        : "; deployment unknown, 1.0 assumed");
        return new ReportView.JobRow(j.seq(), j.kind(), j.jobName(), j.jobId(), ended(j.end()),
                Quantities.energy(j.facilityKwh()), j.energyMethod(), j.zone() + (j.intensityGPerKwh() == null
                        ? ", pending" : ", " + Quantities.significant(j.intensityGPerKwh()) + " gCO2e/kWh"), pue,
                grams(j.inventoryG()), grams(j.avoidedG()),
                j.inferenceLifetimeG() == null && noProjection(j) ? "none" : grams(j.inferenceLifetimeG()),
                blank(j.inferenceMethod()), j.breakEven(), grams(j.sciPerRunG()),
                j.sciPer1000RequestsG() == null && noProjection(j) ? "none" : grams(j.sciPer1000RequestsG()),
                blank(j.sciMethod()), j.status());
    }

    private static ReportView.Total total(String name, String value) {
        return new ReportView.Total(name, value, false);
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

    private static String grams(Double g) {
        return Quantities.carbon(g, "pending");
    }

    private static String blank(String s) {
        return s == null ? "" : s;
    }

    private static double nan(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static String urlPart(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
