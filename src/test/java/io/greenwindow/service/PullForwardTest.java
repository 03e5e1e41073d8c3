package io.greenwindow.service;

import io.greenwindow.reason.Reason;
import io.greenwindow.reason.ReasonCode;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.grid.CarbonSignals;
import io.greenwindow.grid.SettableClock;
import io.greenwindow.job.JdbcJobRepository;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobEvent;
import io.greenwindow.job.JobState;
import io.greenwindow.job.spec.JobKind;
import io.greenwindow.node.JdbcNodeRegistry;
import io.greenwindow.node.NodeRegistry;
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
 * A job that ends before its estimate frees its slot, and the job queued behind it starts at once when that is
 * greener than waiting; a job waiting for a greener hour stays where it is. Real H2 repository, release queue,
 * node registry, live capacity and planner; one DE node with one job slot.
 */
class PullForwardTest {

    private static final Instant MIDNIGHT = Instant.parse("2026-03-02T00:00:00Z");
    private final SettableClock clock = SettableClock.at("2026-03-02T06:00:00Z");
    private Database db;
    private ReleaseScheduler releases;
    private JdbcJobRepository jobs;
    private PlanScheduling scheduling;
    private JobPlanner planner;
    private Replanner replanner;

    /** 06:00-07:00 at 100 g/kWh, 09:00-10:00 at 50, every other hour at 300. */
    private final CarbonSignals signals = HourlyForecast.of(MIDNIGHT, 48, h -> h == 6 ? 100 : h == 9 ? 50 : 300);

    @BeforeEach
    void start() {
        db = TestDatabases.h2();
        jobs = new JdbcJobRepository(db);
        JdbcNodeRegistry nodes = new JdbcNodeRegistry(db);
        nodes.heartbeat("de-a", "DE", 1, 0, clock.instant());
        LiveCapacity capacity = new LiveCapacity(nodes, jobs, clock, Duration.ofDays(1),
                new NodeRegistry.LiveNode("de-a", "DE", 1, 0));
        // Nothing is taken from the queue: the test reads the releases the re-plan wrote there.
        releases = ReleaseScheduler.start(db, new ReleaseSchedulerConfig("DE", Duration.ofHours(1)), clock,
                new io.greenwindow.node.ReleaseHandler() {
                    @Override
                    public void fire(io.greenwindow.node.ReleaseAction action, String jobId, int segment) {
                    }

                    @Override
                    public boolean canTake(io.greenwindow.node.ReleaseAction action, String jobId, int segment,
                            int gpus) {
                        return false;
                    }
                });
        planner = new JobPlanner(signals, new InMemoryPolicyStore(clock), clock, capacity, CarbonBudget.NONE, true);
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
    void jobEndsBeforeItsEstimate_queuedJobStartsAtOnce_jobWaitingForGreenerHourStays() {
        // GIVEN a runs 06:00-07:00 (its estimate) on the one slot; b (deadline 09:00) would rather have 06:00 too
        // but waits for the slot; c (deadline tomorrow) waits for the 50 g/kWh hour at 09:00.
        Job a = submit("a", Duration.ofMinutes(70));
        assertThat(a.plannedStart()).isEqualTo(at("06:00"));
        assertThat(jobs.markStarted("a", JobState.HELD, "DE", "de-a", "released", clock.instant())).isTrue();
        Job b = submit("b", Duration.ofHours(3));
        Instant bWas = b.plannedStart();
        assertThat(bWas).as(b.reason()).isEqualTo(at("07:00"));
        Job c = submit("c", Duration.ofHours(20));
        assertThat(c.plannedStart()).isEqualTo(at("09:00"));

        // WHEN a ends at 06:10, 50 minutes before its estimate
        clock.set(at("06:10"));
        assertThat(jobs.transition("a", JobState.RUNNING, JobState.COMPLETED, "completed", clock.instant())).isTrue();
        int moved = replanner.pullForward("DE", Reason.prefix(ReasonCode.REPLANNED_SLOT_FREED).with("zone", "DE")
                .with("freed", clock.instant()));

        // THEN b starts now: 50 min at 100 and 10 at 300 g/kWh (133 on average) beats the 300 of 07:00-08:00
        assertThat(moved).isEqualTo(1);
        assertThat(jobs.get("b").plannedStart()).isEqualTo(at("06:10"));
        assertThat(releases.scheduled("b")).singleElement().satisfies(r -> assertThat(r.at()).isEqualTo(at("06:10")));
        List<JobEvent> events = jobs.events("b");
        assertThat(events.get(events.size() - 1).reason()).startsWith("re-planned: a job slot in DE freed at 06:10 UTC: ");
        assertThat(jobs.plan("b").orElseThrow().expectedGPerKwh()).isCloseTo((50 * 100 + 10 * 300) / 60.0,
                org.assertj.core.data.Offset.offset(1e-6));
        // c still waits for 09:00, and a second look moves nothing
        assertThat(jobs.get("c").plannedStart()).isEqualTo(at("09:00"));
        assertThat(replanner.pullForward("DE", Reason.prefix(ReasonCode.REPLANNED))).isZero();
    }

    private Job submit(String id, Duration deadlineIn) {
        Job job = job(id, deadlineIn);
        return scheduling.insert(job, () -> planner.plan(PlanRequests.of(job)));
    }

    private static Instant at(String hhmm) {
        return Instant.parse("2026-03-02T" + hhmm + ":00Z");
    }

    private Job job(String id, Duration deadlineIn) {
        Instant now = clock.instant();
        return new Job(id, "iris", JobKind.TRAIN, "research", JobState.SUBMITTED, "submitted", now,
                now.plus(deadlineIn), Duration.ofHours(1), List.of("DE"), 0, false, 0, false, "iris.yaml",
                "name: iris\n", null, null, null, null, null, 0, null, null, null, now);
    }
}
