package io.greenwindow.web;

import io.greenwindow.grid.ForecastResult;
import io.greenwindow.grid.GridModule;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobEvent;
import io.greenwindow.job.StoredPlan;
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
 * segments and deadline, its loss curve and its history.
 */
public final class JobDetailPage {

    static final int LOSS_WIDTH = 960;
    static final int LOSS_HEIGHT = 220;
    private static final int LEFT = 60;
    private static final int RIGHT = 12;
    private static final int TOP = 30;
    private static final int BOTTOM = 36;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private JobDetailPage() {
    }

    public static void register(RoutesConfig routes, JobService jobs, GridModule grid, Clock clock) {
        // The edge has checked that the caller may read this job's team (the role table's JOB_PATH rule).
        routes.get("/jobs/{id}", ctx -> {
            String id = ctx.pathParam("id");
            Job job = jobs.get(id);
            Instant now = clock.instant();
            StoredPlan plan = jobs.plan(id).orElse(null);
            String zone = plan != null ? plan.zone() : job.zone() != null ? job.zone() : job.zones().get(0);
            ForecastResult forecast;
            try {
                forecast = grid.signals().forecast(zone, now, now.plus(ForecastChart.SPAN));
            } catch (RuntimeException e) {
                forecast = new ForecastResult.Unavailable(zone, "could not read the forecast: " + e.getMessage());
            }
            ctx.html(render(job, plan, jobs.progress(id).orElse(null), jobs.events(id), zone, forecast, now));
        });
    }

    static String render(Job job, StoredPlan plan, TrainingProgress progress, List<JobEvent> events, String zone,
            ForecastResult forecast, Instant now) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(Html.escape(job.name())).append(" <small>").append(Html.escape(job.id()))
                .append("</small></h1><p class=\"sub\">team ").append(Html.escape(job.team())).append("; as of ")
                .append(WHEN.format(now)).append(" UTC; <a href=\"/jobs\">all jobs</a></p>");
        b.append("<p><span class=\"state ").append(job.state().name().toLowerCase(Locale.ROOT)).append("\">")
                .append(job.state()).append("</span> ").append(Html.escape(job.reason())).append("</p>");
        if (progress != null) {
            b.append("<p id=\"progress\">").append(JobsPage.bar(progress)).append(Html.escape(progress.line()))
                    .append("</p>");
        }
        b.append(JobsPage.resumes(job, plan));
        b.append("<section id=\"forecast\"><h2>Forecast in ").append(Html.escape(zone))
                .append(", with the planned segments and the deadline</h2>");
        if (forecast instanceof ForecastResult.Forecast f) {
            List<ForecastChart.Shade> shades = new ArrayList<>();
            if (plan != null && !job.state().isFinal()) {
                plan.segments().forEach(s -> shades.add(new ForecastChart.Shade(job.name(), s.start(), s.end())));
            }
            b.append(ForecastChart.render(zone, f.signal(), now, shades,
                    List.of(new ForecastChart.Deadline(job.name(), job.deadline()))));
        } else if (forecast instanceof ForecastResult.Unavailable u) {
            b.append("<p class=\"unavailable\">No forecast: ").append(Html.escape(u.reason())).append("</p>");
        }
        b.append("</section><section id=\"loss\"><h2>Loss</h2>");
        b.append(progress == null || progress.losses().isEmpty() ? "<p>No loss reported yet.</p>"
                : lossChart(progress.losses()));
        b.append("</section><section id=\"history\"><h2>History</h2><table class=\"jobs\"><tbody>");
        for (JobEvent e : events) {
            b.append("<tr><td class=\"t\">").append(WHEN.format(e.at())).append("</td><td>").append(e.to())
                    .append("</td><td>").append(Html.escape(e.reason())).append("</td></tr>");
        }
        b.append("</tbody></table></section>");
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>greenwindow: "
                + Html.escape(job.name()) + "</title><style>" + JobsPage.CSS + "</style></head><body>" + b
                + "</body></html>";
    }

    /** The loss against examples seen, as one SVG polyline; the axes give the ranges. */
    static String lossChart(List<TrainingProgress.LossPoint> points) {
        long maxX = Math.max(1, points.get(points.size() - 1).examples());
        double lo = points.stream().mapToDouble(TrainingProgress.LossPoint::loss).min().orElse(0);
        double hi = points.stream().mapToDouble(TrainingProgress.LossPoint::loss).max().orElse(1);
        double span = hi > lo ? hi - lo : 1;
        double w = LOSS_WIDTH - LEFT - RIGHT;
        double h = LOSS_HEIGHT - TOP - BOTTOM;
        StringBuilder pts = new StringBuilder();
        for (TrainingProgress.LossPoint p : points) {
            double x = LEFT + w * p.examples() / maxX;
            double y = TOP + h * (hi - p.loss()) / span;
            pts.append(pts.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
        }
        return "<svg class=\"loss\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + LOSS_WIDTH + "\" height=\""
                + LOSS_HEIGHT + "\" viewBox=\"0 0 " + LOSS_WIDTH + " " + LOSS_HEIGHT + "\" role=\"img\" aria-label=\"loss"
                + " from " + fmt(points.get(0).loss()) + " to " + fmt(points.get(points.size() - 1).loss()) + "\">"
                + "<line x1=\"" + LEFT + "\" y1=\"" + (TOP + h) + "\" x2=\"" + (LEFT + w) + "\" y2=\"" + (TOP + h)
                + "\" stroke=\"#999\"/><text x=\"" + 4 + "\" y=\"" + (TOP + 4) + "\" font-size=\"11\">" + fmt(hi)
                + "</text><text x=\"4\" y=\"" + (TOP + h) + "\" font-size=\"11\">" + fmt(lo) + "</text><text x=\""
                + (LEFT + w - 160) + "\" y=\"" + (LOSS_HEIGHT - 10) + "\" font-size=\"11\">" + maxX
                + " examples seen</text><polyline class=\"loss-curve\" fill=\"none\" stroke=\"" + ForecastChart.LINE
                + "\" stroke-width=\"2\" points=\"" + pts + "\"/></svg>";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
