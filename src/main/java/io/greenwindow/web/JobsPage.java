package io.greenwindow.web;

import io.greenwindow.access.Access;
import io.greenwindow.access.Actor;
import io.greenwindow.access.Role;
import io.greenwindow.grid.CarbonSignals;
import io.greenwindow.grid.ForecastResult;
import io.greenwindow.grid.GridModule;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.service.JobService;
import io.greenwindow.train.TrainingProgress;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /} and {@code GET /jobs}: the dashboard ML engineers open to see when their jobs will run and why.
 * A table of the newest jobs with the reason of each one's last decision, and per zone the next 48 hours of
 * forecast with the held jobs' planned runs on it. One self-contained page: inline CSS and SVG, no script.
 */
public final class JobsPage {

    static final int LIMIT = 100;
    static final int MAX_CHARTS = 4;
    static final String ATTRIBUTION = "Carbon-intensity data: Electricity Maps (ODbL)";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private JobsPage() {
    }

    public static void register(RoutesConfig routes, JobService jobs, GridModule grid, Clock clock) {
        Handler page = ctx -> ctx.html(build(jobs, grid, clock.instant(), Viewer.of(ctx)));
        routes.get("/", page);
        routes.get("/jobs", page);
        // The form's cancel: the edge has checked the session's CSRF secret and the caller's right to this job.
        routes.post("/jobs/{id}/cancel", ctx -> {
            Actor actor = SignedIn.actor(ctx);
            jobs.cancel(ctx.pathParam("id"), actor == null ? null : actor.label());
            ctx.redirect("/jobs", io.javalin.http.HttpStatus.SEE_OTHER);
        });
    }

    /** Who looks at the page: what they may see and do, and the CSRF secret their forms carry (null: none). */
    record Viewer(Actor actor, String csrf) {
        static final Viewer NOBODY = new Viewer(null, null);

        static Viewer of(io.javalin.http.Context ctx) {
            return new Viewer(SignedIn.actor(ctx), SignedIn.csrf(ctx));
        }

        boolean sees(Job job) {
            return actor == null || Access.sees(actor, job.team());
        }

        boolean mayCancel(Job job) {
            return actor != null && csrf != null && !job.state().isFinal() && Access.TEAM_WRITE.allows(actor, job.team());
        }
    }

    private static String build(JobService service, GridModule grid, Instant now, Viewer viewer) {
        List<Job> jobs = service.list(LIMIT).stream().filter(viewer::sees).toList();
        Map<String, StoredPlan> plans = new HashMap<>();
        for (Job job : jobs) {
            if (waiting(job)) {
                service.plan(job.id()).ifPresent(p -> plans.put(job.id(), p));
            }
        }
        Map<String, ForecastResult> forecasts = new LinkedHashMap<>();
        for (String zone : chartZones(jobs, plans, grid.zones())) {
            forecasts.put(zone, forecast(grid.signals(), zone, now));
        }
        Map<String, TrainingProgress> progress = new HashMap<>();
        for (Job job : jobs) {
            if (job.state() == JobState.RUNNING || job.state() == JobState.PAUSED) {
                service.progress(job.id()).ifPresent(p -> progress.put(job.id(), p));
            }
        }
        return render(jobs, plans, progress, forecasts, now, viewer);
    }

    /** A failing provider must not take the page down: it becomes the reason printed in place of its chart. */
    private static ForecastResult forecast(CarbonSignals signals, String zone, Instant now) {
        try {
            return signals.forecast(zone, now, now.plus(ForecastChart.SPAN));
        } catch (RuntimeException e) {
            return new ForecastResult.Unavailable(zone, "could not read the forecast: " + e.getMessage());
        }
    }

    /** Held or paused jobs wait for a planned window; their plans are shaded on the charts. */
    static boolean waiting(Job job) {
        return job.state() == JobState.HELD || job.state() == JobState.PAUSED;
    }

    /** The zones of held and running jobs, newest job first; the service's own zones when there are none; at most 4. */
    static List<String> chartZones(List<Job> jobs, Map<String, StoredPlan> plans, Collection<String> serviceZones) {
        Set<String> zones = new LinkedHashSet<>();
        for (Job job : jobs) {
            if (waiting(job) || job.state() == JobState.RUNNING) {
                String zone = zoneOf(job, plans.get(job.id()));
                if (zone != null && !zone.isBlank()) {
                    zones.add(zone);
                }
            }
        }
        if (zones.isEmpty()) {
            zones.addAll(serviceZones);
        }
        return zones.stream().limit(MAX_CHARTS).toList();
    }

    private static String zoneOf(Job job, StoredPlan plan) {
        if (plan != null && plan.zone() != null) {
            return plan.zone();
        }
        return job.zone();
    }

    /** The page for these jobs (any order; shown newest first), their stored plans by job id, and forecasts by zone. */
    static String render(List<Job> jobs, Map<String, StoredPlan> plans, Map<String, ForecastResult> forecasts, Instant now) {
        return render(jobs, plans, forecasts, now, Viewer.NOBODY);
    }

    static String render(List<Job> jobs, Map<String, StoredPlan> plans, Map<String, ForecastResult> forecasts, Instant now,
            Viewer viewer) {
        return render(jobs, plans, Map.of(), forecasts, now, viewer);
    }

    /** @param progress the trainers' last reports of running and paused jobs, by job id: a bar under the state */
    static String render(List<Job> jobs, Map<String, StoredPlan> plans, Map<String, TrainingProgress> progress,
            Map<String, ForecastResult> forecasts, Instant now, Viewer viewer) {
        List<Job> newest = new ArrayList<>(jobs);
        newest.sort(Comparator.comparing(Job::submittedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        List<JobsView.ZoneChart> charts = new ArrayList<>();
        for (Map.Entry<String, ForecastResult> e : forecasts.entrySet()) {
            charts.add(chart(e.getKey(), e.getValue(), newest, plans, now));
        }
        List<JobsView.Row> rows = new ArrayList<>();
        for (Job job : newest) {
            StoredPlan plan = plans.get(job.id());
            Instant planned = job.plannedStart() != null ? job.plannedStart() : plan != null ? plan.start() : null;
            String zone = zoneOf(job, plan);
            rows.add(new JobsView.Row(job.id(), job.name(), job.team(), job.state().name(),
                    job.state().name().toLowerCase(Locale.ROOT), progress.get(job.id()), resumes(job, plan), job.reason(),
                    zone != null ? zone : String.join(", ", job.zones()), time(planned), time(job.deadline()),
                    job.summary(), viewer.mayCancel(job)));
        }
        Actor a = viewer.actor();
        String what = a == null ? null : a.role() == Role.ENGINEER ? "engineer of " + a.teamList() : a.role().word();
        return Templates.render("jobs.jte", new JobsView(WHEN.format(now), a == null ? null : a.name(), what,
                viewer.csrf(), charts, rows));
    }

    private static JobsView.ZoneChart chart(String zone, ForecastResult result, List<Job> jobs,
            Map<String, StoredPlan> plans, Instant now) {
        if (result instanceof ForecastResult.Unavailable u) {
            return new JobsView.ZoneChart(zone, null, u.reason(), null, false);
        }
        ForecastResult.Forecast f = (ForecastResult.Forecast) result;
        List<ForecastChart.Shade> shades = new ArrayList<>();
        List<ForecastChart.Deadline> deadlines = new ArrayList<>();
        for (Job job : jobs) {
            StoredPlan plan = plans.get(job.id());
            if (!waiting(job) || !zone.equals(zoneOf(job, plan))) {
                continue;
            }
            if (plan != null) {
                plan.segments().stream().filter(s -> zone.equals(s.zone()) || s.zone() == null)
                        .forEach(s -> shades.add(new ForecastChart.Shade(job.name(), s.start(), s.end())));
            }
            deadlines.add(new ForecastChart.Deadline(job.name(), job.deadline()));
        }
        StringBuilder source = new StringBuilder("Source ").append(f.signal().source()).append(", ")
                .append(f.signal().kind().toString().toLowerCase(Locale.ROOT)).append(" intensity, ")
                .append(f.signal().step().toMinutes()).append("-minute steps");
        if (f.signal().generatedAt() != null) {
            source.append(", generated ").append(WHEN.format(f.signal().generatedAt())).append(" UTC");
        }
        for (String skipped : f.fallbacks()) {
            source.append("; skipped ").append(skipped);
        }
        return new JobsView.ZoneChart(zone, ForecastChart.render(zone, f.signal(), now, shades, deadlines), null,
                source.append('.').toString(), f.signal().source().startsWith("replay"));
    }

    private static String time(Instant t) {
        return t == null ? "" : WHEN.format(t);
    }

    /** When a paused job resumes ("" for any other job, or a paused one not yet planned again). */
    static String resumes(Job job, StoredPlan plan) {
        Instant at = job.state() == JobState.PAUSED && plan != null ? plan.resumesAt(job.updatedAt()) : null;
        return time(at);
    }
}
