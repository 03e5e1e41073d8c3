package io.greenwindow.service;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.grid.SettableClock;
import io.greenwindow.job.JdbcJobRepository;
import io.greenwindow.node.NewsMarks;
import io.greenwindow.node.ReleaseScheduler;
import io.greenwindow.node.ReleaseSchedulerConfig;
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
 * a test sets ({@link #forecasts}) and the generation times it announces ({@link #generations}).
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

    NewsRig(SettableClock clock) {
        releases = ReleaseScheduler.start(db, new ReleaseSchedulerConfig("DE", Duration.ofHours(1)), clock,
                (action, id, segment) -> fired.add(action + " " + id + " " + segment));
        planner = new JobPlanner(forecasts, new InMemoryPolicyStore(clock), clock);
        PlanningLock lock = new PlanningLock(db, clock);
        scheduling = new PlanScheduling(jobs, releases, clock, lock);
        news = new NewsWatch(() -> generations, Map::of, new NewsMarks(db),
                new Replanner(jobs, planner, scheduling, lock, clock));
    }

    @Override
    public void close() {
        releases.close();
        db.close();
    }
}
