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
        StringBuilder body = new StringBuilder();
        body.append("<h1>greenwindow: jobs</h1><p class=\"sub\">As of ").append(WHEN.format(now))
                .append(" UTC; all times UTC. The page refreshes every 30 seconds.</p>");
        if (viewer.actor() != null) {
            body.append(signedIn(viewer));
        }
        for (Map.Entry<String, ForecastResult> e : forecasts.entrySet()) {
            body.append(chart(e.getKey(), e.getValue(), newest, plans, now));
        }
        body.append(table(newest, plans, progress, viewer));
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"refresh\" content=\"30\"><title>greenwindow: jobs</title><style>" + CSS
                + "</style></head><body>" + body + "</body></html>";
    }

    private static String chart(String zone, ForecastResult result, List<Job> jobs, Map<String, StoredPlan> plans,
            Instant now) {
        StringBuilder out = new StringBuilder("<section class=\"zone\"><h2>Zone ").append(Html.escape(zone))
                .append(": forecast for the next 48 hours</h2>");
        if (result instanceof ForecastResult.Unavailable u) {
            return out.append("<p class=\"unavailable\">No forecast for ").append(Html.escape(u.zone())).append(": ")
                    .append(Html.escape(u.reason())).append("</p></section>").toString();
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
        out.append(ForecastChart.render(zone, f.signal(), now, shades, deadlines));
        out.append("<p class=\"source\">Source ").append(Html.escape(f.signal().source())).append(", ")
                .append(Html.escape(f.signal().kind().toString().toLowerCase(Locale.ROOT))).append(" intensity, ")
                .append(f.signal().step().toMinutes()).append("-minute steps");
        if (f.signal().generatedAt() != null) {
            out.append(", generated ").append(WHEN.format(f.signal().generatedAt())).append(" UTC");
        }
        for (String skipped : f.fallbacks()) {
            out.append("; skipped ").append(Html.escape(skipped));
        }
        out.append(".</p>");
        if (f.signal().source().startsWith("replay")) {
            out.append("<p class=\"attribution\">").append(ATTRIBUTION).append("</p>");
        }
        return out.append("</section>").toString();
    }

    private static String signedIn(Viewer viewer) {
        Actor a = viewer.actor();
        String what = a.role() == Role.ENGINEER ? "engineer of " + a.teamList() : a.role().word();
        StringBuilder out = new StringBuilder("<p class=\"sub\" id=\"who\">Signed in as <b>").append(Html.escape(a.name()))
                .append("</b> (").append(Html.escape(what)).append(")");
        if (viewer.csrf() != null) {
            out.append(" <form class=\"inline\" method=\"post\" action=\"/signout\">").append(csrfField(viewer))
                    .append("<button type=\"submit\">Sign out</button></form>");
        }
        return out.append("</p>").toString();
    }

    private static String csrfField(Viewer viewer) {
        return "<input type=\"hidden\" name=\"" + SignedIn.CSRF_FIELD + "\" value=\"" + Html.escape(viewer.csrf()) + "\">";
    }

    private static String table(List<Job> jobs, Map<String, StoredPlan> plans, Map<String, TrainingProgress> progress,
            Viewer viewer) {
        if (jobs.isEmpty()) {
            return "<p>No jobs yet. Submit one with <code>greenwindow submit training-configs/iris-classifier.yaml"
                    + " --deadline PT6H</code>.</p>";
        }
        StringBuilder out = new StringBuilder("<h2>Jobs (newest first)</h2><table class=\"jobs\"><thead><tr><th>id</th>"
                + "<th>name</th><th>team</th><th>state</th><th>why</th><th>zone</th><th>planned start</th>"
                + "<th>deadline</th><th>result</th><th></th></tr></thead><tbody>");
        for (Job job : jobs) {
            StoredPlan plan = plans.get(job.id());
            Instant planned = job.plannedStart() != null ? job.plannedStart() : plan != null ? plan.start() : null;
            String zone = zoneOf(job, plan);
            out.append("<tr><td class=\"id\"><a href=\"/api/jobs/").append(Html.escape(job.id())).append("\">")
                    .append(Html.escape(job.id())).append("</a> <a class=\"page\" href=\"/jobs/")
                    .append(Html.escape(job.id())).append("\">page</a></td>")
                    .append(cell(job.name())).append(cell(job.team()))
                    .append("<td><span class=\"state ").append(job.state().name().toLowerCase(Locale.ROOT)).append("\">")
                    .append(job.state()).append("</span>").append(bar(progress.get(job.id())))
                    .append(resumes(job, plan)).append("</td>")
                    .append("<td class=\"reason\">").append(Html.escape(job.reason())).append("</td>")
                    .append(cell(zone != null ? zone : String.join(", ", job.zones())))
                    .append("<td class=\"t\">").append(time(planned)).append("</td>")
                    .append("<td class=\"t\">").append(time(job.deadline())).append("</td>")
                    .append("<td class=\"result\">").append(Html.escape(job.summary())).append("</td>")
                    .append(viewer.mayCancel(job) ? "<td><form method=\"post\" action=\"/jobs/" + Html.escape(job.id())
                            + "/cancel\">" + csrfField(viewer) + "<button type=\"submit\" class=\"cancel\">Cancel</button></form></td>"
                            : "<td></td>")
                    .append("</tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    /** Under a paused job, when it resumes ("" for any other job, or a paused one not yet planned again). */
    static String resumes(Job job, StoredPlan plan) {
        Instant at = job.state() == JobState.PAUSED && plan != null ? plan.resumesAt(job.updatedAt()) : null;
        return at == null ? "" : "<div class=\"resumes\">resumes " + time(at) + "</div>";
    }

    /** A progress bar with its percentage and the trainer's line as a tooltip; "" without a report. */
    static String bar(TrainingProgress p) {
        if (p == null) {
            return "";
        }
        return "<div class=\"progress\" title=\"" + Html.escape(p.line()) + "\"><progress max=\"1000\" value=\""
                + Math.round(p.fraction() * 1000) + "\">" + p.percent() + "</progress> <span class=\"pct\">"
                + p.percent() + "</span></div>";
    }

    private static String cell(String value) {
        return "<td>" + Html.escape(value) + "</td>";
    }

    private static String time(Instant t) {
        return t == null ? "" : WHEN.format(t);
    }

    static final String CSS = "body{font-family:sans-serif;margin:24px;color:#222;max-width:1240px}"
            + "h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:22px 0 6px}.sub,.source{color:#555;font-size:13px}"
            + ".source,.attribution{margin:2px 0}.attribution{font-size:12px;color:#333}"
            + ".unavailable{background:#fff4e5;border-left:4px solid #e67e22;padding:8px 12px}"
            + "table.jobs{border-collapse:collapse;font-size:13px;width:100%}"
            + "table.jobs th,table.jobs td{border-bottom:1px solid #ddd;padding:5px 7px;text-align:left;vertical-align:top}"
            + "table.jobs th{background:#f3f5f3}td.id{font-family:monospace}td.t{white-space:nowrap}td.reason{max-width:340px}"
            + "td.result{max-width:260px;color:#444}"
            + ".state{display:inline-block;padding:1px 7px;border-radius:9px;font-size:12px;font-weight:bold;color:#fff;"
            + "background:#888}.state.held{background:#b7791f}.state.running{background:#1f5fa8}"
            + ".state.paused{background:#7b4fa8}.state.completed{background:#1b7f3b}.state.failed{background:#c0392b}"
            + ".state.submitted{background:#999}.state.cancelled,.state.expired{background:#6b6b6b}"
            + "svg.forecast{max-width:100%;height:auto}form.inline{display:inline}"
            + "div.progress{font-size:11px;white-space:nowrap;margin-top:3px}div.progress progress{width:80px}";
}
