package io.greenwindow.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.greenwindow.access.Actor;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobAuthors;
import io.greenwindow.job.spec.JobDocument;
import io.greenwindow.job.spec.InvalidSpecException;
import io.greenwindow.service.JobService;
import io.greenwindow.web.SignedIn;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jobs over HTTP. POST /api/jobs takes {"yaml": "...", "source": "iris.yaml", "specDir": "/abs/dir",
 * "deadline": "PT2H"} (specDir resolves the spec's relative paths on this node) or a raw YAML body.
 */
public final class JobsApi {

    static final int MAX_LIMIT = 1_000;

    private JobsApi() {
    }

    public static void register(RoutesConfig routes, JobService jobs, int maxWaitingPerTeam) {
        routes.post("/api/jobs", ctx -> submit(ctx, jobs, maxWaitingPerTeam));
        // An engineer's list holds only its teams' jobs (the role table admits the list; this filters it).
        routes.get("/api/jobs", ctx -> ctx.json(jobs.list(limit(ctx)).stream().filter(j -> Gatekeeper.sees(ctx, j.team()))
                .map(JobsApi::summary).toList()));
        routes.get("/api/jobs/{id}", ctx -> ctx.json(detail(jobs, ctx.pathParam("id"))));
        routes.post("/api/jobs/{id}/cancel", ctx -> ctx.json(summary(jobs.cancel(ctx.pathParam("id"), by(ctx)))));
        routes.delete("/api/jobs/{id}", ctx -> ctx.json(summary(jobs.cancel(ctx.pathParam("id"), by(ctx)))));
    }

    private static String by(Context ctx) {
        Actor actor = SignedIn.actor(ctx);
        return actor == null ? null : actor.label();
    }

    private static void submit(Context ctx, JobService jobs, int maxWaitingPerTeam) throws Exception {
        String body = ctx.body();
        String yaml;
        String source = ctx.queryParam("source");
        String specDir = ctx.queryParam("specDir");
        String deadline = ctx.queryParam("deadline");
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (type.startsWith("application/json")) {
            JsonNode request;
            try {
                request = ApiServer.JSON.readTree(body);
            } catch (Exception e) {
                throw new InvalidSpecException(null, List.of("request body is not valid JSON: " + e.getMessage()));
            }
            yaml = request.path("yaml").asText(null);
            source = request.path("source").asText(source);
            specDir = request.path("specDir").asText(specDir);
            deadline = request.hasNonNull("deadline") ? request.get("deadline").asText() : deadline;
            if (yaml == null) {
                throw new InvalidSpecException(null, List.of("yaml: the request must carry the spec's YAML text"));
            }
        } else {
            yaml = body;
        }
        JobDocument spec = jobs.parse(yaml, source, specDir == null || specDir.isBlank() ? null : Path.of(specDir), deadline);
        Gatekeeper.requireTeam(ctx, spec.team());
        long waiting = jobs.waiting(spec.team());
        if (waiting >= maxWaitingPerTeam) {
            ctx.status(429).json(Map.of("error", "Team '" + spec.team() + "' already has " + waiting + " jobs waiting "
                    + "for their window, the most allowed (GREENWINDOW_MAX_HELD_PER_TEAM=" + maxWaitingPerTeam
                    + "); cancel one or wait until one runs"));
            return;
        }
        Job job = jobs.submit(spec, source, by(ctx));
        ctx.status(201).json(detail(jobs, job.id()));
    }

    private static int limit(Context ctx) {
        String limit = ctx.queryParam("limit");
        int value;
        try {
            value = limit == null ? 100 : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit: must be a whole number from 1 to " + MAX_LIMIT);
        }
        if (value < 1 || value > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: must be from 1 to " + MAX_LIMIT + ", got " + value);
        }
        return value;
    }

    static Map<String, Object> summary(Job job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", job.id());
        m.put("name", job.name());
        m.put("kind", job.kind().word());
        m.put("team", job.team());
        m.put("state", job.state().name());
        m.put("reason", job.reason());
        m.put("submittedAt", job.submittedAt());
        m.put("deadline", job.deadline());
        m.put("estimatedDuration", job.estimatedDuration().toString());
        m.put("zones", job.zones());
        m.put("zone", job.zone());
        m.put("node", job.node());
        m.put("gpus", job.gpus());
        m.put("interruptible", job.interruptible());
        m.put("plannedStart", job.plannedStart());
        m.put("startedAt", job.startedAt());
        m.put("finishedAt", job.finishedAt());
        m.put("segmentsRun", job.segmentsRun());
        m.put("summary", job.summary());
        m.put("modelPath", job.modelPath());
        m.put("backend", job.backend());
        return m;
    }

    private static Map<String, Object> detail(JobService jobs, String id) {
        Map<String, Object> m = summary(jobs.get(id));
        JobAuthors authors = jobs.authors(id);
        m.put("submittedBy", authors.submittedBy());
        m.put("cancelledBy", authors.cancelledBy());
        m.put("plan", jobs.plan(id).orElse(null));
        m.put("scheduled", jobs.scheduled(id));
        m.put("events", jobs.events(id));
        return m;
    }
}
