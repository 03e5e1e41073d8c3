package io.greenwindow.service;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.grid.SettableClock;
import io.greenwindow.job.JdbcJobRepository;
import io.greenwindow.node.JdbcNodeRegistry;
import io.greenwindow.node.NewsMarks;
import io.greenwindow.node.ReleaseScheduler;
import io.greenwindow.node.ReleaseSchedulerConfig;
import io.greenwindow.plan.CapacitySource;
import io.greenwindow.plan.CarbonBudget;
import io.greenwindow.plan.GpuCapacity;
import io.greenwindow.plan.JobPlanner;
import io.greenwindow.policy.InMemoryPolicyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One DE node's news watch over a real H2 database: job repository, release queue (its firings recorded in
 * {@link #fired} as "ACTION id segment"), planning lock, scheduling and re-planner, with a planner on the forecasts
 * a test sets ({@link #forecasts}) and the generation times it announces ({@link #generations}). Capacity is
 * unlimited and never news, or ({@link #withLiveNodes}) the live nodes' of a real node registry ({@link #nodes}),
 * as the service counts it.
 */
final class NewsRig implements AutoCloseable {

    final Map<String, Instant> generations = new HashMap<>();
    final MapForecasts forecasts = new MapForecasts();
    final List<String> fired = new CopyOnWriteArrayList<>();
    final Database db = TestDatabases.h2();
    final JdbcJobRepository jobs = new JdbcJobRepository(db);
    final ReleaseScheduler releases;
    final JobPlanner planner;
    final PlanScheduling scheduling;
    final NewsWatch news;
    final Replanner replanner;
    final JdbcNodeRegistry nodes = new JdbcNodeRegistry(db);

    NewsRig(SettableClock clock) {
        this(clock, null);
    }

    /** @param nodeTimeout a node not seen for this long has left (null: unlimited capacity, no capacity news) */
    private NewsRig(SettableClock clock, Duration nodeTimeout) {
        releases = ReleaseScheduler.start(db, new ReleaseSchedulerConfig("DE", Duration.ofHours(1)), clock,
                (action, id, segment) -> fired.add(action + " " + id + " " + segment));
        LiveCapacity live = nodeTimeout == null ? null : new LiveCapacity(nodes, jobs, clock, nodeTimeout);
        CapacitySource capacity = live == null ? CapacitySource.fixed(GpuCapacity.unlimited()) : live;
        planner = new JobPlanner(forecasts, new InMemoryPolicyStore(clock), clock, capacity, CarbonBudget.NONE, false);
        PlanningLock lock = new PlanningLock(db, clock);
        scheduling = new PlanScheduling(jobs, releases, clock, lock);
        replanner = new Replanner(jobs, planner, scheduling, lock, clock,
                live == null ? java.util.Set::of : live::silent);
        news = new NewsWatch(() -> generations, live == null ? Map::of : live::zones, new NewsMarks(db), replanner);
    }

    /** A rig whose planner and news watch count the nodes that beat into {@link #nodes} within {@code nodeTimeout}. */
    static NewsRig withLiveNodes(SettableClock clock, Duration nodeTimeout) {
        return new NewsRig(clock, nodeTimeout);
    }

    /** A new forecast for its zone: {@link #forecasts} set, and its generation time announced to the news watch. */
    void announce(io.greenwindow.grid.Signal forecast) {
        forecasts.put(forecast.zone(), forecast);
        generations.put(forecast.zone(), forecast.generatedAt());
    }

    /**
     * DE at 300 g/kWh every hour of 2 March 2026 and the day after, but 50 from hour {@code from} (inclusive) to
     * {@code to} (exclusive) of the first day.
     */
    static io.greenwindow.grid.Signal greenBetween(int from, int to, Instant generated) {
        Instant midnight = Instant.parse("2026-03-02T00:00:00Z");
        List<io.greenwindow.grid.SignalPoint> points = new java.util.ArrayList<>();
        for (int h = 0; h < 48; h++) {
            points.add(io.greenwindow.grid.SignalPoint.of(midnight.plus(Duration.ofHours(h)),
                    h >= from && h < to ? 50 : 300));
        }
        return new io.greenwindow.grid.Signal("DE", "test", io.greenwindow.grid.SignalKind.AVERAGE,
                io.greenwindow.grid.EmissionScope.LIFECYCLE, Duration.ofHours(1), generated, points);
    }

    /**
     * Asserts that running job {@code id} was told to pause for its rest (still RUNNING, its last event
     * RUNNING-to-RUNNING with code PAUSING_FOR_REST and a reason starting with {@code reason}), and returns the
     * stored plan of its rest.
     */
    io.greenwindow.job.StoredPlan assertPausingForRest(String id, String reason) {
        org.assertj.core.api.Assertions.assertThat(jobs.get(id).state()).as("it runs until its checkpoint")
                .isEqualTo(io.greenwindow.job.JobState.RUNNING);
        List<io.greenwindow.job.JobEvent> events = jobs.events(id);
        io.greenwindow.job.JobEvent last = events.get(events.size() - 1);
        org.assertj.core.api.Assertions.assertThat(last.from()).isEqualTo(io.greenwindow.job.JobState.RUNNING);
        org.assertj.core.api.Assertions.assertThat(last.to()).isEqualTo(io.greenwindow.job.JobState.RUNNING);
        org.assertj.core.api.Assertions.assertThat(last.why().cause().code())
                .isEqualTo(io.greenwindow.reason.ReasonCode.PAUSING_FOR_REST);
        org.assertj.core.api.Assertions.assertThat(last.reason()).startsWith(reason);
        return jobs.plan(id).orElseThrow();
    }

    /** Bounded polling: the release queue's poller thread hands a trigger over after the commit. */
    void awaitFired(String what) {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!fired.contains(what) && System.nanoTime() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        org.assertj.core.api.Assertions.assertThat(fired).contains(what);
    }

    @Override
    public void close() {
        releases.close();
        db.close();
    }
}
