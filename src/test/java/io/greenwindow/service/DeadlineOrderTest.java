package io.greenwindow.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.grid.CarbonSignals;
import io.greenwindow.grid.SettableClock;
import io.greenwindow.job.JdbcJobRepository;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.job.spec.JobKind;
import io.greenwindow.node.JdbcNodeRegistry;
import io.greenwindow.node.ReleaseScheduler;
import io.greenwindow.node.ReleaseSchedulerConfig;
import io.greenwindow.plan.CarbonBudget;
import io.greenwindow.plan.JobPlanner;
import io.greenwindow.policy.InMemoryPolicyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One job slot in DE, from the node registry. A job with a far deadline holds the greenest hour; a job submitted
 * later whose deadline only that hour's neighbourhood can meet first gets a late plan behind it, and then the
 * queue is planned again with the earlier deadline first: both deadlines hold and the plans never overlap.
 */
class DeadlineOrderTest {

    private static final Instant MIDNIGHT = Instant.parse("2026-03-02T00:00:00Z");
    private final SettableClock clock = SettableClock.at("2026-03-02T09:30:00Z");
    private Database db;
    private ReleaseScheduler releases;
    private JdbcJobRepository jobs;
    private PlanScheduling scheduling;
    private JobPlanner planner;
    private Replanner replanner;

    /** 300 g/kWh every hour except 10:00-11:00 at 50. */
    private final CarbonSignals signals = HourlyForecast.of(MIDNIGHT, 48, h -> h == 10 ? 50 : 300);

    @BeforeEach
    void start() {
        db = TestDatabases.h2();
        jobs = new JdbcJobRepository(db);
        JdbcNodeRegistry nodes = new JdbcNodeRegistry(db);
        nodes.heartbeat("solo", "DE", 1, 0, clock.instant());
        releases = ReleaseScheduler.start(db, new ReleaseSchedulerConfig("DE", Duration.ofHours(1)), clock, (a, id, s) -> { });
        planner = new JobPlanner(signals, new InMemoryPolicyStore(clock), clock,
                new LiveCapacity(nodes, jobs, clock, Duration.ofMinutes(2)), CarbonBudget.NONE, true);
        PlanningLock lock = new PlanningLock(db, clock);
        scheduling = new PlanScheduling(jobs, releases, clock, lock);
        replanner = new Replanner(jobs, planner, scheduling, lock, clock);
    }

    @AfterEach
    void stop() {
        releases.close();
        db.close();
    }

    @Test
    void lateNewJob_queueReplannedEarliestDeadlineFirst_bothDeadlinesHold() {
        Job far = submit("far", Instant.parse("2026-03-02T20:00:00Z"));
        assertThat(far.plannedStart()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));

        // Must start by 09:45 to end by 10:45; the slot is promised to "far" from 10:00: late behind it.
        Job near = submit("near", Instant.parse("2026-03-02T10:45:00Z"));
        assertThat(near.reason()).startsWith("cannot meet deadline 10:45 UTC");

        assertThat(replanner.makeRoomFor(near)).isPositive();

        StoredPlan nearPlan = jobs.plan("near").orElseThrow();
        StoredPlan farPlan = jobs.plan("far").orElseThrow();
        assertThat(end(nearPlan)).isBeforeOrEqualTo(Instant.parse("2026-03-02T10:45:00Z"));
        assertThat(end(farPlan)).isBeforeOrEqualTo(Instant.parse("2026-03-02T20:00:00Z"));
        assertThat(farPlan.start()).as("one slot: far starts when near has ended").isAfterOrEqualTo(end(nearPlan));
        assertThat(jobs.get("far").reason()).startsWith("re-planned: job near (deadline 10:45 UTC) could not meet its "
                + "deadline behind the plans made before it: ");
        assertThat(replanner.makeRoomFor(jobs.get("far"))).as("nothing late any more").isZero();
    }

    private static Instant end(StoredPlan p) {
        return p.segments().get(p.segments().size() - 1).end();
    }

    private Job submit(String id, Instant deadline) {
        Instant at = clock.instant();
        Job job = new Job(id, "iris", JobKind.TRAIN, "research", JobState.SUBMITTED, "submitted", at, deadline,
                Duration.ofHours(1), List.of("DE"), 0, false, 0, false, "iris.yaml", "name: iris\n", null, null, null,
                null, null, 0, null, null, null, at);
        return scheduling.insert(job, () -> planner.plan(PlanRequests.of(job)));
    }
}
