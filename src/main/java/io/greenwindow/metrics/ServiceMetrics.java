package io.greenwindow.metrics;

import io.greenwindow.grid.store.AdapterHealth;
import io.greenwindow.grid.AdapterStatus;
import io.greenwindow.plan.PlanningTimer;
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
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The service's meters in one Micrometer Prometheus registry: the JVM's (memory, GC, threads, classes, CPU,
 * uptime), the HTTP server's ({@code http_server_requests_seconds} by method, route, status) and greenwindow's own
 * ({@code greenwindow_jobs} by state and zone, counted at each scrape; per grid adapter whether it is up, its
 * circuit open, its failures in a row, requests used and budget left; the ledger's emitted and avoided carbon and
 * energy by method, held jobs' expected saving, capacity per zone ({@link CarbonMeters}); planning time).
 */
public final class ServiceMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final MultiGauge jobs;
    private final Supplier<List<JobCounts.Row>> jobCounts;
    private final Supplier<List<AdapterStatus>> adapters;
    private final MultiGauge adapterUp;
    private final MultiGauge circuitOpen;
    private final MultiGauge failures;
    private final MultiGauge requestsUsed;
    private final MultiGauge budgetLeft;
    private final CarbonMeters carbon;

    public ServiceMetrics(MetricSources sources) {
        this.jobCounts = sources.jobs();
        this.adapters = sources.adapters();
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        jobs = MultiGauge.builder("greenwindow.jobs").description("Jobs by state and zone").register(registry);
        adapterUp = gauge("greenwindow.adapter.up", "1 when the adapter's last call succeeded (or none was made)");
        circuitOpen = gauge("greenwindow.adapter.circuit.open", "1 while the adapter's circuit breaker is open");
        failures = gauge("greenwindow.adapter.consecutive.failures", "Failed calls since the adapter's last success");
        requestsUsed = gauge("greenwindow.adapter.requests.used", "Provider requests sent in the budget period");
        budgetLeft = gauge("greenwindow.adapter.request.budget.left", "Requests left in the period (budgeted adapters)");
        carbon = new CarbonMeters(registry, sources);
    }

    /** Times the planner: {@code greenwindow_planning_seconds} by operation (plan one job, re-plan the held). */
    public PlanningTimer planningTimer() {
        planning("plan"); // both series exist from the start, at zero, rather than after the first call
        planning("replan");
        return new PlanningTimer() {
            @Override
            public <T> T time(String operation, Supplier<T> work) {
                return planning(operation).record(work);
            }
        };
    }

    private Timer planning(String operation) {
        return Timer.builder("greenwindow.planning").description("Time the planner took").tag("operation", operation)
                .register(registry);
    }

    private MultiGauge gauge(String name, String description) {
        return MultiGauge.builder(name).description(description).register(registry);
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
        List<AdapterStatus> all = adapters.get();
        adapterUp.register(rows(all, a -> a.health() == AdapterStatus.Health.UP ? 1 : 0), true);
        circuitOpen.register(rows(all, a -> a.circuit() == AdapterHealth.Circuit.OPEN ? 1 : 0), true);
        failures.register(rows(all, AdapterStatus::consecutiveFailures), true);
        requestsUsed.register(rows(all, AdapterStatus::requestsUsed), true);
        budgetLeft.register(rows(all.stream().filter(a -> a.requestBudget() > 0).toList(),
                a -> Math.max(0, a.requestBudget() - a.requestsUsed())), true);
        carbon.refresh();
        return registry.scrape();
    }

    private static List<MultiGauge.Row<?>> rows(List<AdapterStatus> all, ToDoubleFunction<AdapterStatus> value) {
        return all.stream().<MultiGauge.Row<?>>map(a -> MultiGauge.Row.of(Tags.of("adapter", a.name()), value.applyAsDouble(a)))
                .toList();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
