package io.greenwindow.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.greenwindow.access.Actor;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobAuthors;
import io.greenwindow.job.spec.JobDocument;
import io.greenwindow.job.spec.InvalidSpecException;
import io.greenwindow.service.IdempotentSubmissions;
import io.greenwindow.service.JobService;
import io.greenwindow.service.TrainerLogs;
import io.greenwindow.train.TrainingProgress;
import io.greenwindow.web.SignedIn;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jobs over HTTP. POST /api/jobs takes {"yaml": "...", "source": "iris.yaml", "specDir": "/abs/dir",
 * "deadline": "PT2H"} (specDir resolves the spec's relative paths on this node) or a raw YAML body. GET /api/jobs
 * is paged: {@code ?limit=} (default {@value #DEFAULT_PAGE}, at most {@value #MAX_PAGE}) and {@code ?offset=}.
 */
public final class JobsApi {

    /** Jobs per page of GET /api/jobs (newest first) when {@code limit} is not given, and the most allowed. */
    public static final int DEFAULT_PAGE = 100;
    public static final int MAX_PAGE = 1000;

    private JobsApi() {
    }

    /** The request header that makes a submission idempotent. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** Without a cap on waiting jobs and without idempotency keys (tests of the routes alone). */
    public static void register(RoutesConfig routes, JobService jobs) {
        register(routes, jobs, Integer.MAX_VALUE, null);
    }

    /**
     * @param maxWaitingPerTeam the most jobs of one team that may wait for their window at once
     * @param keyed submissions with an {@value #IDEMPOTENCY_KEY} header (null: the header is refused)
     */
    public static void register(RoutesConfig routes, JobService jobs, int maxWaitingPerTeam,
            IdempotentSubmissions keyed) {
        routes.post("/api/jobs", ctx -> submit(ctx, jobs, maxWaitingPerTeam, keyed));
        // An engineer's list holds only its teams' jobs (the role table admits the list; this filters it).
        routes.get("/api/jobs", ctx -> ctx.json(jobs.list(Paging.limit(ctx, DEFAULT_PAGE, MAX_PAGE), offset(ctx))
                .stream().filter(j -> Gatekeeper.sees(ctx, j.team())).map(j -> withPercent(jobs, j)).toList()));
        routes.get("/api/jobs/{id}", ctx -> ctx.json(detail(jobs, ctx.pathParam("id"))));
        routes.get("/api/jobs/{id}/logs", ctx -> logs(ctx, jobs));
        routes.post("/api/jobs/{id}/cancel", ctx -> ctx.json(summary(jobs.cancel(ctx.pathParam("id"), by(ctx)))));
        routes.delete("/api/jobs/{id}", ctx -> ctx.json(summary(jobs.cancel(ctx.pathParam("id"), by(ctx)))));
    }

    private static String by(Context ctx) {
        Actor actor = SignedIn.actor(ctx);
        return actor == null ? null : actor.label();
    }

    /** A team that already has as many jobs waiting as it may. */
    private static final class TeamFull extends RuntimeException {
        TeamFull(String message) {
            super(message, null, false, false);
        }
    }

    private static void submit(Context ctx, JobService jobs, int maxWaitingPerTeam, IdempotentSubmissions keyed)
            throws Exception {
        String body = ctx.body();
        String yaml;
        String source = ctx.queryParam("source");
        String specDir = ctx.queryParam("specDir");
        String deadline = ctx.queryParam("deadline");
        boolean allowLate = "true".equalsIgnoreCase(ctx.queryParam("allowLate"));
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
            if (request.has("allowLate") && !request.get("allowLate").isBoolean()) {
                throw new InvalidSpecException(null, List.of("allowLate: must be true or false"));
            }
            allowLate |= request.path("allowLate").asBoolean(false);
            if (yaml == null) {
                throw new InvalidSpecException(null, List.of("yaml: the request must carry the spec's YAML text"));
            }
        } else {
            yaml = body;
        }
        Path dir = specDir == null || specDir.isBlank() ? null : Path.of(specDir);
        JobDocument spec = jobs.parse(yaml, source, dir, deadline);
        jobs.requireMeetableDeadline(spec, allowLate);
        Gatekeeper.requireTeam(ctx, spec.team());
        // Forecasts and policy fetched here, before the planning lock; the cap and the plan are decided under it.
        JobService.Submission prepared = jobs.prepare(spec, source, by(ctx));
        java.util.function.Supplier<Job> store = () -> {
            long waiting = jobs.waiting(spec.team());
            if (waiting >= maxWaitingPerTeam) {
                throw new TeamFull("Team '" + spec.team() + "' already has " + waiting + " jobs waiting "
                        + "for their window, the most allowed (GREENWINDOW_MAX_HELD_PER_TEAM=" + maxWaitingPerTeam
                        + "); cancel one or wait until one runs");
            }
            return jobs.store(prepared);
        };
        String key = ctx.header(IDEMPOTENCY_KEY);
        try {
            if (key == null) {
                Job job = store.get();
                ctx.status(201).json(detail(jobs, job.id()));
                return;
            }
            if (keyed == null) {
                throw new IllegalArgumentException(IDEMPOTENCY_KEY + ": this server does not keep idempotency keys");
            }
            // The request's content is what the query and body say; a retry must repeat both.
            String request = ctx.queryString() + "\n" + type + "\n" + body;
            IdempotentSubmissions.Outcome outcome = keyed.submit(key, request, store);
            ctx.status(outcome.replayed() ? 200 : 201).json(detail(jobs, outcome.job().id()));
        } catch (TeamFull e) {
            ctx.status(429).json(Map.of("error", e.getMessage()));
        }
    }

    private static int offset(Context ctx) {
        long offset = Paging.start(ctx, "offset");
        if (offset > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("offset " + offset + " must be at most " + Integer.MAX_VALUE);
        }
        return (int) offset;
    }

    static Map<String, Object> summary(Job job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", job.id());
        m.put("name", job.name());
        m.put("kind", job.kind().word());
        m.put("team", job.team());
        m.put("state", job.state().name());
        m.put("reason", job.reason());
        m.put("why", ReasonViews.why(job.why()));
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

    /** A list row: the summary, and for a job that has trained the compact progress ("37%"). */
    private static Map<String, Object> withPercent(JobService jobs, Job job) {
        Map<String, Object> m = summary(job);
        boolean trained = job.state() == io.greenwindow.job.JobState.RUNNING
                || job.state() == io.greenwindow.job.JobState.PAUSED || job.segmentsRun() > 0;
        m.put("progressPercent", trained ? jobs.progress(job.id()).map(TrainingProgress::percent).orElse(null) : null);
        return m;
    }

    /** The trainer's progress as JSON: its report, with the percentage and the one-line wording added. */
    static Map<String, Object> progress(TrainingProgress p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochsDone", p.epochsDone());
        m.put("epochs", p.epochs());
        m.put("batchInEpoch", p.batchInEpoch());
        m.put("batchesPerEpoch", p.batchesPerEpoch());
        m.put("fraction", p.fraction());
        m.put("percent", p.percent());
        m.put("examplesSeen", p.examplesSeen());
        m.put("examplesPerSecond", p.examplesPerSecond());
        m.put("loss", Double.isNaN(p.loss()) ? null : p.loss());
        m.put("elapsedSeconds", p.elapsedSeconds());
        m.put("updatedAt", p.updatedAt());
        m.put("expectedEnd", p.expectedEnd());
        m.put("line", p.line());
        return m;
    }

    /** GET /api/jobs/{id}/logs?segment=N: the trainer's output of segment N (default: the latest), its tail. */
    private static void logs(Context ctx, JobService jobs) {
        TrainerLogs logs = jobs.logs(ctx.pathParam("id"));
        int count = logs.count();
        String asked = ctx.queryParam("segment");
        int n;
        if (asked == null) {
            n = count;
        } else {
            try {
                n = Integer.parseInt(asked);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("segment: must be a whole number from 1, got '"
                        + io.greenwindow.job.spec.Names.printable(asked.length() > 20 ? asked.substring(0, 20) : asked,
                                true) + "'");
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jobId", ctx.pathParam("id"));
        m.put("segments", count);
        if (n == 0 && asked == null) {
            m.put("segment", null);
            m.put("text", "");
            ctx.json(m);
            return;
        }
        TrainerLogs.Segment segment = logs.segment(n);
        if (segment == null) {
            ctx.status(404).json(Map.of("error", "segment " + n + " has not run: job " + ctx.pathParam("id")
                    + " has run " + count + " segment(s)"));
            return;
        }
        m.put("segment", segment.segment());
        m.put("bytes", segment.bytes());
        m.put("truncated", segment.truncated());
        m.put("maxBytes", TrainerLogs.MAX_BYTES);
        m.put("text", segment.text());
        ctx.json(m);
    }

    /** {@code node} null and {@code decidedAt} RELEASE, with the sentence saying how it will be chosen. */
    private static Map<String, Object> plannedNode(io.greenwindow.job.StoredPlan plan, int gpus, java.time.Instant since) {
        String zone = plan.segments().stream().filter(s -> s.end().isAfter(since)).findFirst()
                .map(io.greenwindow.job.StoredPlan.Segment::zone).orElse(plan.zone());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node", null);
        m.put("decidedAt", "RELEASE");
        m.put("note", io.greenwindow.reason.Wording.nodeAtRelease(zone, gpus));
        return m;
    }

    private static Map<String, Object> detail(JobService jobs, String id) {
        // One read transaction: one connection for the job's parts, which agree with each other.
        return jobs.readTogether(() -> {
            Job job = jobs.get(id);
            Map<String, Object> m = summary(job);
            m.put("progress", jobs.progress(id).map(JobsApi::progress).orElse(null));
            JobAuthors authors = jobs.authors(id);
            m.put("submittedBy", authors.submittedBy());
            m.put("cancelledBy", authors.cancelledBy());
            java.util.Optional<io.greenwindow.job.StoredPlan> plan = jobs.plan(id);
            m.put("plan", plan.map(ReasonViews::plan).orElse(null));
            // The planner decides a zone; the node of a waiting job is chosen when its release falls due (NodeFit).
            boolean waits = job.state() == io.greenwindow.job.JobState.HELD
                    || job.state() == io.greenwindow.job.JobState.PAUSED;
            m.put("plannedNode", waits ? plan.map(p -> plannedNode(p, job.gpus(), job.updatedAt())).orElse(null) : null);
            // A paused job says when it goes on: the next planned segment from the moment it paused.
            m.put("resumesAt", job.state() == io.greenwindow.job.JobState.PAUSED
                    ? plan.map(p -> p.resumesAt(job.updatedAt())).orElse(null) : null);
            m.put("scheduled", jobs.scheduled(id));
            m.put("events", jobs.events(id).stream().map(ReasonViews::event).toList());
            return m;
        });
    }
}
