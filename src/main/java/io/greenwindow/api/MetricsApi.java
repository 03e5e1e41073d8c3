package io.greenwindow.api;

import io.greenwindow.metrics.ServiceMetrics;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Timer;

/**
 * GET /metrics in Prometheus text format (admins, as the role table says: a scraper sends an admin token), and
 * the timing of every HTTP request by its route template, so that job ids never become label values.
 */
final class MetricsApi {

    /** Prometheus' text exposition format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String SAMPLE = "greenwindow.metrics.sample";

    private MetricsApi() {
    }

    static void register(RoutesConfig routes, ServiceMetrics metrics) {
        routes.before(ctx -> ctx.attribute(SAMPLE, metrics.startRequest()));
        routes.after(ctx -> {
            Timer.Sample sample = ctx.attribute(SAMPLE);
            if (sample != null) {
                metrics.endRequest(sample, ctx.method().name(), route(ctx), ctx.statusCode());
            }
        });
        routes.get("/metrics", ctx -> ctx.contentType(CONTENT_TYPE).result(metrics.scrape()));
    }

    private static String route(Context ctx) {
        Endpoint e = ctx.endpoints().matchedHttpEndpoint();
        return e == null ? "NOT_FOUND" : e.path;
    }
}
