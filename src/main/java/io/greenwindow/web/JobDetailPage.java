package io.greenwindow.web;

import io.greenwindow.energy.EnergyBin;
import io.greenwindow.energy.EnergyReport;
import io.greenwindow.grid.ForecastResult;
import io.greenwindow.grid.GridModule;
import io.greenwindow.grid.Signal;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobEvent;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.ledger.EntryKind;
import io.greenwindow.ledger.Ledger;
import io.greenwindow.ledger.LedgerEntry;
import io.greenwindow.ledger.LedgerQuery;
import io.greenwindow.service.JobService;
import io.greenwindow.train.TrainingProgress;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's page for one job (GET /jobs/{id}): its state and reason, progress, the forecast with its planned
 * segments and deadline, the segments it ran over the intensity that applied, its energy per interval, its loss
 * curve, its ledger lines and its history.
 */
public final class JobDetailPage {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private JobDetailPage() {
    }

    /** What the page is drawn from, read once per request. */
    record Facts(Job job, StoredPlan plan, TrainingProgress progress, List<JobEvent> events, String zone,
            ForecastResult forecast, Signal history, List<LedgerEntry> ledger, Instant now) {
    }

    public static void register(RoutesConfig routes, JobService jobs, GridModule grid, Ledger ledger, Clock clock) {
        // The edge has checked that the caller may read this job's team (the role table's JOB_PATH rule).
        routes.get("/jobs/{id}", ctx -> ctx.html(render(facts(ctx.pathParam("id"), jobs, grid, ledger, clock.instant()))));
    }

    static Facts facts(String id, JobService jobs, GridModule grid, Ledger ledger, Instant now) {
        Job job = jobs.get(id);
        StoredPlan plan = jobs.plan(id).orElse(null);
        String zone = job.zone() != null ? job.zone() : plan != null ? plan.zone() : job.zones().get(0);
        ForecastResult forecast;
        try {
            forecast = grid.signals().forecast(zone, now, now.plus(ForecastChart.SPAN));
        } catch (RuntimeException e) {
            forecast = new ForecastResult.Unavailable(zone, "could not read the forecast: " + e.getMessage());
        }
        List<JobEvent> events = jobs.events(id);
        List<LedgerEntry> entries = ledgerOf(job, ledger);
        List<JobCharts.Ran> runs = JobCharts.runs(events, now);
        Signal history = null;
        if (!runs.isEmpty()) {
            TimeAxis axis = JobCharts.axis(runs, bins(entries));
            try {
                history = grid.signals().history(zone, axis.from(), axis.to()).orElse(null);
            } catch (RuntimeException e) {
                history = null; // drawn without intensity; the page says no history is recorded
            }
        }
        return new Facts(job, plan, jobs.progress(id).orElse(null), events, zone, forecast, history, entries, now);
    }

    /** The job's own entries, in chain order (the ledger is read by the job's team, then filtered to the job). */
    private static List<LedgerEntry> ledgerOf(Job job, Ledger ledger) {
        String team = job.team() == null || job.team().isBlank() ? LedgerQuery.NO_TEAM : job.team();
        return ledger.entries(new LedgerQuery(team, null, null)).stream()
                .filter(e -> job.id().equals(e.content().jobId())).toList();
    }

    /** The energy bins of the job's segments, as the ledger's SEGMENT entries hold them (else its JOB entry's). */
    static List<EnergyBin> bins(List<LedgerEntry> entries) {
        List<EnergyBin> bins = new ArrayList<>();
        for (EntryKind kind : List.of(EntryKind.SEGMENT, EntryKind.JOB)) {
            for (LedgerEntry e : entries) {
                if (e.content().kind() == kind) {
                    for (EnergyReport r : e.content().segments()) {
                        bins.addAll(r.bins());
                    }
                }
            }
            if (!bins.isEmpty()) {
                return bins;
            }
        }
        return bins;
    }

    static String render(Facts f) {
        return Templates.render("job.jte", JobViews.of(f));
    }
}
