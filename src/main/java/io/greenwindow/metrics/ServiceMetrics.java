package io.greenwindow.metrics;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Supplier;
import java.util.List;

/**
 * The service's meters in one Micrometer Prometheus registry: the JVM's (memory, GC, threads, classes, CPU,
 * uptime), the HTTP server's ({@code http_server_requests_seconds} by method, route, status) and greenwindow's own
 * ({@code greenwindow_jobs} by state and zone, counted at each scrape).
 */
public final class ServiceMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final MultiGauge jobs;
    private final Supplier<List<JobCounts.Row>> jobCounts;

    public ServiceMetrics(Supplier<List<JobCounts.Row>> jobCounts) {
        this.jobCounts = jobCounts;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        jobs = MultiGauge.builder("greenwindow.jobs").description("Jobs by state and zone").register(registry);
    }

    /** Starts timing one HTTP request. */
    public Timer.Sample startRequest() {
        return Timer.start(registry);
    }

    /** Ends timing one HTTP request; {@code route} is the matched path template, never the raw path. */
    public void endRequest(Timer.Sample sample, String method, String route, int status) {
        sample.stop(Timer.builder("http.server.requests").description("HTTP requests served")
                .tags("method", method, "uri", route, "status", Integer.toString(status))
                .register(registry));
    }

    /** The Prometheus text exposition of every meter, with the job counts read now. */
    public String scrape() {
        jobs.register(jobCounts.get().stream()
                .map(r -> MultiGauge.Row.of(Tags.of("state", r.state(), "zone", r.zone()), r.count()))
                .toList(), true);
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
