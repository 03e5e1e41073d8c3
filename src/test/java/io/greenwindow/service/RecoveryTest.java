package io.greenwindow.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.grid.CarbonSignals;
import io.greenwindow.grid.ForecastResult;
import io.greenwindow.grid.Signal;
import io.greenwindow.job.JdbcJobRepository;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.job.spec.JobKind;
import io.greenwindow.node.ReleaseAction;
import io.greenwindow.node.ReleaseScheduler;
import io.greenwindow.node.ReleaseSchedulerConfig;
import io.greenwindow.plan.JobPlanner;
import io.greenwindow.policy.InMemoryPolicyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecoveryTest {

    private final Clock clock = Clock.systemUTC();
    private Database db;
    private JdbcJobRepository jobs;
    private ReleaseScheduler releases;
    private Recovery recovery;

    /** No forecast anywhere: the planner's fallback runs a job at once. */
    private static final CarbonSignals NO_FORECAST = new CarbonSignals() {
        @Override
        public ForecastResult forecast(String zone, Instant from, Instant to) {
            return new ForecastResult.Unavailable(zone, "test: no provider");
        }

        @Override
        public Optional<Signal> history(String zone, Instant from, Instant to) {
            return Optional.empty();
        }
    };

    @BeforeEach
    void start() {
        db = TestDatabases.h2();
        jobs = new JdbcJobRepository(db);
        // Nothing runs: the test only looks at plans and triggers, so fired releases go nowhere.
        releases = ReleaseScheduler.start(db, ReleaseSchedulerConfig.defaults(), clock, (action, id, segment) -> { });
        JobPlanner planner = new JobPlanner(NO_FORECAST, new InMemoryPolicyStore(clock), clock);
        recovery = new Recovery(jobs, planner, new PlanScheduling(jobs, releases, clock), releases, null, clock, "me");
    }

    @AfterEach
    void stop() {
        releases.close();
        db.close();
    }

    @Test
    void planJobsWithoutRelease_pausedJobWithSegmentsUsedUp_isPlannedAgain_othersAreLeftAlone() {
        Instant old = clock.instant().minus(Duration.ofMinutes(10));
        jobs.insert(job("used-up", JobState.PAUSED, old));
        jobs.insert(job("waiting", JobState.HELD, old));
        releases.schedule("waiting", ReleaseAction.RELEASE, 0, clock.instant().plus(Duration.ofHours(5)));
        jobs.insert(job("just-written", JobState.HELD, clock.instant()));

        int planned = recovery.planJobsWithoutRelease(Duration.ofMinutes(1));

        assertThat(planned).isEqualTo(1);
        assertThat(jobs.plan("used-up")).hasValueSatisfying(p -> assertThat(p.reason()).contains("no forecast"));
        assertThat(jobs.get("used-up").state()).isEqualTo(JobState.PAUSED);
        assertThat(jobs.plan("waiting")).isEmpty();
        assertThat(jobs.plan("just-written")).isEmpty();
    }

    private static Job job(String id, JobState state, Instant at) {
        return new Job(id, "iris", JobKind.TRAIN, "research", state, "test", at, at.plus(Duration.ofHours(8)),
                Duration.ofMinutes(20), List.of("DE"), 0, true, 0, false, "iris.yaml", "name: iris\n", null, null,
                null, null, null, 1, null, null, null, at);
    }
}
