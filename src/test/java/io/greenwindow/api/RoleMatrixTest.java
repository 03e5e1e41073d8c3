package io.greenwindow.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.access.AdminTokenFile;
import io.greenwindow.grid.SettableClock;
import io.greenwindow.server.Greenwindow;
import io.greenwindow.server.ServerConfig;
import io.greenwindow.service.NodeLimits;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of a real server, called over real HTTP by each kind of caller: anonymous, an engineer of the job's
 * team, an engineer of another team, a sustainability lead, an admin and a metrics reader (a Prometheus scraper). The expected rights are issue 9's role
 * table written out by hand below, not read from {@link RoleTable}.
 */
class RoleMatrixTest {

    enum Caller { ANONYMOUS, ENGINEER_OWN, ENGINEER_OTHER, SUSTAINABILITY, ADMIN, METRICS_READER }

    static final Set<Caller> EVERYONE = EnumSet.allOf(Caller.class);
    /** Every person with a token; a metrics reader's token reads /metrics and the public routes only. */
    static final Set<Caller> SIGNED_IN = EnumSet.complementOf(EnumSet.of(Caller.ANONYMOUS, Caller.METRICS_READER));
    static final Set<Caller> TEAM_READERS = EnumSet.of(Caller.ENGINEER_OWN, Caller.SUSTAINABILITY, Caller.ADMIN);
    static final Set<Caller> TEAM_WRITERS = EnumSet.of(Caller.ENGINEER_OWN, Caller.ADMIN);
    static final Set<Caller> READERS_OF_ALL = EnumSet.of(Caller.SUSTAINABILITY, Caller.ADMIN);
    static final Set<Caller> ADMINS = EnumSet.of(Caller.ADMIN);
    static final Set<Caller> SCRAPERS = EnumSet.of(Caller.METRICS_READER, Caller.ADMIN);

    /** Issue 9's table, route by route: who may call it. The job, ledger and report routes concern team "vision". */
    static final Map<String, Set<Caller>> ALLOWED = new LinkedHashMap<>();

    static {
        ALLOWED.put("GET /api/health", EVERYONE);
        ALLOWED.put("GET /api/openapi.json", EVERYONE);
        ALLOWED.put("GET /api/node", SIGNED_IN);
        ALLOWED.put("POST /api/jobs", TEAM_WRITERS);
        ALLOWED.put("GET /api/jobs", SIGNED_IN);
        ALLOWED.put("GET /api/jobs/{id}", TEAM_READERS);
        ALLOWED.put("GET /api/jobs/{id}/logs", TEAM_READERS);
        ALLOWED.put("POST /api/jobs/{id}/cancel", TEAM_WRITERS);
        ALLOWED.put("DELETE /api/jobs/{id}", TEAM_WRITERS);
        ALLOWED.put("GET /api/forecast", SIGNED_IN);
        ALLOWED.put("GET /api/adapters", SIGNED_IN);
        ALLOWED.put("GET /emissions/forecasts/current", EVERYONE);
        ALLOWED.put("GET /emissions/bylocations", EVERYONE);
        ALLOWED.put("GET /emissions/bylocation", EVERYONE);
        ALLOWED.put("GET /emissions/bylocations/best", EVERYONE);
        ALLOWED.put("GET /emissions/average-carbon-intensity", EVERYONE);
        ALLOWED.put("POST /emissions/forecasts/batch", EVERYONE);
        ALLOWED.put("POST /emissions/average-carbon-intensity/batch", EVERYONE);
        ALLOWED.put("GET /locations", EVERYONE);
        ALLOWED.put("GET /health", EVERYONE);
        ALLOWED.put("GET /api/v1/swagger.yaml", EVERYONE);
        ALLOWED.put("GET /metrics", SCRAPERS);
        ALLOWED.put("GET /api/ledger", TEAM_READERS);
        ALLOWED.put("GET /api/ledger/verify", SIGNED_IN);
        ALLOWED.put("GET /api/reports/monthly", TEAM_READERS);
        ALLOWED.put("GET /api/policies", READERS_OF_ALL);
        ALLOWED.put("GET /api/policies/{name}", READERS_OF_ALL);
        ALLOWED.put("GET /api/policies/{name}/versions", READERS_OF_ALL);
        ALLOWED.put("PUT /api/policies/{name}", ADMINS);
        ALLOWED.put("POST /api/policies/{name}", ADMINS);
        ALLOWED.put("GET /api/tokens", ADMINS);
        ALLOWED.put("POST /api/tokens", ADMINS);
        ALLOWED.put("POST /api/tokens/{name}/revoke", ADMINS);
        ALLOWED.put("GET /signin", EVERYONE);
        ALLOWED.put("POST /signin", EVERYONE);
        ALLOWED.put("POST /signout", SIGNED_IN);
        ALLOWED.put("GET /", SIGNED_IN);
        ALLOWED.put("GET /jobs", SIGNED_IN);
        ALLOWED.put("GET /jobs/{id}", TEAM_READERS);
        ALLOWED.put("POST /jobs/{id}/cancel", TEAM_WRITERS);
        ALLOWED.put("GET /reports", TEAM_READERS);
        ALLOWED.put("GET /reports/whatif", TEAM_READERS);
        ALLOWED.put("GET /api/ledger/whatif", TEAM_READERS);
        ALLOWED.put("POST /api/ledger/whatif", READERS_OF_ALL);
        ALLOWED.put("GET /api/backup", ADMINS);
    }

    static final Path EXAMPLES = Path.of("training-configs").toAbsolutePath();

    @TempDir
    static Path data;

    static Greenwindow service;
    static final Map<Caller, ApiCaller> CALLERS = new LinkedHashMap<>();
    static ApiCaller admin;

    @BeforeAll
    static void start() throws Exception {
        SettableClock clock = SettableClock.at("2026-03-02T06:00:00Z");
        ServerConfig config = new ServerConfig(0, data, null, "", "", false, "test-node", "DE", null,
                NodeLimits.defaults(), null, Duration.ofHours(1), Duration.ofMinutes(2));
        service = Greenwindow.start(config, clock, AccessConfig.DEFAULTS.withRate(100_000, 100_000));
        int port = service.port();
        admin = new ApiCaller(port, AdminTokenFile.read(data.resolve("admin-token")));
        CALLERS.put(Caller.ANONYMOUS, new ApiCaller(port, null));
        CALLERS.put(Caller.ENGINEER_OWN, new ApiCaller(port, admin.createToken("ella", "engineer", "vision")));
        CALLERS.put(Caller.ENGINEER_OTHER, new ApiCaller(port, admin.createToken("otto", "engineer", "nlp")));
        CALLERS.put(Caller.SUSTAINABILITY, new ApiCaller(port, admin.createToken("sue", "sustainability")));
        CALLERS.put(Caller.ADMIN, admin);
        CALLERS.put(Caller.METRICS_READER, new ApiCaller(port, admin.createToken("prometheus", "metrics")));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void everyRouteOfTheServer_isInTheRoleTable_andInThisMatrix() {
        Set<String> served = service.routes().stream().filter(r -> !r.startsWith("HEAD ") && !r.startsWith("OPTIONS "))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        Set<String> ruled = RoleTable.RULES.stream().map(AccessRule::route).collect(Collectors.toCollection(java.util.TreeSet::new));

        assertThat(served).isEqualTo(ruled);
        assertThat(new java.util.TreeSet<>(ALLOWED.keySet())).isEqualTo(served);
    }

    @Test
    void aRouteWithoutARule_isFound_soTheServerRefusesToStart() {
        io.javalin.Javalin app = io.javalin.Javalin.create(c -> {
            c.routes.get("/api/health", ctx -> ctx.result("ok"));
            c.routes.get("/api/secret-new-thing", ctx -> ctx.result("x"));
        });
        assertThat(Gatekeeper.unruled(ApiServer.routes(app))).containsExactly("GET /api/secret-new-thing");
    }

    @Test
    void matrix_everyCallerOnEveryRoute_getsExactlyWhatTheRoleTableGrants() throws Exception {
        List<String> wrong = new ArrayList<>();
        String shared = submitVisionJob();
        for (Map.Entry<String, Set<Caller>> route : ALLOWED.entrySet()) {
            for (Caller caller : Caller.values()) {
                // A fresh job per call on a job's own routes, so that a cancel by one caller leaves the next one
                // something to cancel; one job for the rest (a team holds at most 200 jobs).
                String jobId = route.getKey().contains("{id}") ? submitVisionJob() : shared;
                HttpResponse<String> r = call(CALLERS.get(caller), route.getKey(), jobId, caller);
                boolean expected = route.getValue().contains(caller);
                String problem = judge(route.getKey(), caller, expected, r);
                if (problem != null) {
                    wrong.add(problem);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** Null when the answer fits; else what is wrong with it. */
    private static String judge(String route, Caller caller, boolean allowed, HttpResponse<String> r) {
        int status = r.statusCode();
        String where = route + " as " + caller + " answered " + status + " " + r.body();
        boolean page = route.endsWith(" /") || route.contains(" /jobs") || route.contains(" /reports")
                || route.contains(" /sign");
        if (allowed) {
            boolean refused = status == 401 || status == 403
                    || route.startsWith("GET ") && status == 303 && location(r).startsWith("/signin");
            return refused ? "refused but allowed: " + where : null;
        }
        if (caller == Caller.ANONYMOUS) {
            if (page && route.startsWith("GET ")) {
                return status == 303 && location(r).startsWith("/signin?next=") ? null : "expected a sign-in redirect: " + where;
            }
            if (status != 401 || !r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer")) {
                return "expected 401 with WWW-Authenticate: Bearer: " + where;
            }
            return page || r.body().contains("\"error\"") ? null : "expected {\"error\": ...}: " + where;
        }
        if (status != 403) {
            return "expected 403: " + where;
        }
        // The 403 names what is missing: the job's team for team routes, the role for the others.
        boolean teamRoute = route.contains("/jobs") || route.contains("/ledger") || route.contains("/reports");
        String needed = teamRoute ? "team 'vision'" : route.contains("/policies") && route.startsWith("GET") ? "sustainability" : "admin";
        if (route.equals("POST /api/ledger/whatif")) {
            needed = "sustainability"; // the question names its job in the body: only readers of every team ask so
        }
        if (caller == Caller.METRICS_READER) {
            // Refused everywhere but /metrics: the 403 says who asks and names a role that may.
            String body = r.body().replace("&#39;", "'");
            return body.contains("is metrics; this needs") && body.contains("admin") ? null
                    : "expected the 403 to name the metrics role and one that may: " + where;
        }
        if (route.equals("POST /api/jobs") && caller == Caller.SUSTAINABILITY) {
            needed = "role engineer or admin"; // refused by role before the spec (and its team) is read
        }
        return r.body().replace("&#39;", "'").contains(needed) ? null : "expected the 403 to name " + needed + ": " + where;
    }

    private static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElse("");
    }

    static HttpResponse<String> call(ApiCaller caller, String route, String jobId, Caller who) throws Exception {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1)
                .replace("{id}", jobId)
                .replace("/api/tokens/{name}", "/api/tokens/victim-" + who.name().toLowerCase().replace('_', '-'))
                .replace("{name}", "default");
        path += switch (path) {
            case "/api/ledger" -> "?team=vision";
            case "/api/reports/monthly", "/reports" -> "?team=vision&month=2026-03";
            case "/api/forecast" -> "?zone=DE";
            case "/api/ledger/whatif", "/reports/whatif" -> "?job=" + jobId;
            case "/emissions/bylocations", "/emissions/bylocation", "/emissions/bylocations/best" -> "?location=DE";
            case "/emissions/forecasts/current" -> "?location=DE";
            default -> "";
        };
        if (path.equals("/api/jobs") && method.equals("POST")) {
            return caller.postJson(path, Map.of("yaml", visionYaml(), "source", "iris-classifier.yaml",
                    "specDir", EXAMPLES.toString(), "deadline", "PT48H"));
        }
        if (path.equals("/api/tokens") && method.equals("POST")) {
            return caller.postJson(path, Map.of("name", "made-by-" + who.name().toLowerCase().replace('_', '-'),
                    "role", "sustainability"));
        }
        if (path.startsWith("/api/policies/")) {
            return caller.send(method, path, "application/json", "{\"maxDelay\": \"PT12H\"}");
        }
        if (path.equals("/signin") && method.equals("POST")) {
            return caller.send(method, path, "application/x-www-form-urlencoded", "token=" + admin.token + "&next=/jobs");
        }
        return caller.send(method, path, null, null);
    }

    static String visionYaml() throws Exception {
        return Files.readString(EXAMPLES.resolve("iris-classifier.yaml")).replace("team: research", "team: vision");
    }

    private static String submitVisionJob() throws Exception {
        HttpResponse<String> r = admin.postJson("/api/jobs", Map.of("yaml", visionYaml(), "source", "iris-classifier.yaml",
                "specDir", EXAMPLES.toString(), "deadline", "PT48H"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ApiCaller.json(r).path("id").asText();
    }
}
