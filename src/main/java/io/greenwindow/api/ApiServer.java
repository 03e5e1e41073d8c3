package io.greenwindow.api;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.db.Backups;
import io.greenwindow.grid.GridModule;
import io.greenwindow.job.GreenwindowException;
import io.greenwindow.ledger.Ledger;
import io.greenwindow.node.NodeProfile;
import io.greenwindow.policy.PolicyStore;
import io.greenwindow.service.IdempotentSubmissions;
import io.greenwindow.service.JobService;
import io.greenwindow.web.JobsPage;
import io.greenwindow.web.SignInPage;
import io.greenwindow.web.ReportPage;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import java.util.List;
import java.util.Map;

/**
 * The HTTP JSON API and the report pages on one Javalin server. Failures map to HTTP statuses in
 * {@link ErrorResponses} and only there; the body is always {"error": "sentence"} so the CLI can show it.
 */
public final class ApiServer implements AutoCloseable {

    public static final ObjectMapper JSON = JsonMapping.json();

    private final Javalin app;

    private ApiServer(Javalin app) {
        this.app = app;
    }

    public static ApiServer start(int port, JobService jobs, GridModule grid, Ledger ledger, PolicyStore policies,
            NodeProfile node, Gatekeeper gate) {
        return start(port, jobs, null, null, grid, ledger, policies, node, gate);
    }

    /**
     * @param keyed submissions with an Idempotency-Key header (null: such requests are refused)
     * @param backups online backups for GET /api/backup (null: no such route)
     */
    public static ApiServer start(int port, JobService jobs, IdempotentSubmissions keyed, Backups backups,
            GridModule grid, Ledger ledger, PolicyStore policies, NodeProfile node, Gatekeeper gate) {
        return start(port, jobs, keyed, backups, grid, ledger, policies, node, gate, null);
    }

    /** @param metrics the meters for GET /metrics and request timing (null: no such route) */
    public static ApiServer start(int port, JobService jobs, IdempotentSubmissions keyed, Backups backups,
            GridModule grid, Ledger ledger, PolicyStore policies, NodeProfile node, Gatekeeper gate,
            io.greenwindow.metrics.ServiceMetrics metrics) {
        Javalin app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(JSON, false));
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = gate.config().maxBodyBytes();
            gate.install(config.routes);
            TokensApi.register(config.routes, gate.tokens(), grid.clock());
            SignInPage.register(config.routes, gate.tokens(), gate.sessions());
            JobsApi.register(config.routes, jobs, gate.config().maxHeldPerTeam(), keyed);
            if (backups != null) {
                BackupApi.register(config.routes, backups);
            }
            if (metrics != null) {
                MetricsApi.register(config.routes, metrics);
            }
            config.routes.get("/api/node", ctx -> ctx.json(node));
            config.routes.get("/api/health", ctx -> ctx.json(Map.of("status", "ok")));
            OpenApiDocument.register(config.routes);
            GridApi.register(config.routes, grid);
            LedgerApi.register(config.routes, ledger, policies);
            ReportPage.register(config.routes, ledger, policies);
            JobsPage.register(config.routes, jobs, grid, grid.clock());
            io.greenwindow.web.JobDetailPage.register(config.routes, jobs, grid, ledger, grid.clock());
            PolicyApi.register(config.routes, policies);
            ErrorResponses.register(config.routes);
        });
        List<String> unruled = Gatekeeper.unruled(routes(app));
        if (!unruled.isEmpty()) {
            throw new IllegalStateException("Routes missing from the role table (api/RoleTable): " + unruled);
        }
        try {
            app.start(port);
        } catch (RuntimeException e) {
            throw new GreenwindowException("Could not listen on port " + port + ": " + rootMessage(e), e);
        }
        return new ApiServer(app);
    }

    /** Every route the server has, as Javalin registered it. */
    static List<Endpoint> routes(Javalin app) {
        return app.unsafe.internalRouter.allHttpHandlers().stream().map(p -> p.endpoint).toList();
    }

    /** Every route, as "METHOD /path/{param}". */
    public List<String> routeNames() {
        return routes(app).stream().filter(e -> e.method.isHttpMethod()).map(e -> e.method + " " + e.path).toList();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
