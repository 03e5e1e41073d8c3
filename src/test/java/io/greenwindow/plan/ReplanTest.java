package io.greenwindow.plan;

import static io.greenwindow.plan.Fixtures.MIDNIGHT;
import static io.greenwindow.plan.Fixtures.at;
import static io.greenwindow.plan.Fixtures.hourly;
import static io.greenwindow.plan.Fixtures.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.grid.SettableClock;
import io.greenwindow.plan.Fixtures.FixedSignals;
import io.greenwindow.policy.InMemoryPolicyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplanTest {

    private final SettableClock clock = new SettableClock(MIDNIGHT);
    private final FixedSignals signals = new FixedSignals();
    private final JobPlanner planner = new JobPlanner(signals, new InMemoryPolicyStore(clock), clock);
    private final PlanRequest job = job("j", MIDNIGHT, at("08:00"), Duration.ofHours(1), "DE");

    @Test
    void replan_newWindowOnlyMarginallyGreener_keepsTheCurrentPlan() {
        signals.with(hourly("DE", 300, 300, 100, 300, 300, 300, 300, 300));
        Plan current = planner.plan(job);
        signals.with(hourly("DE", 300, 300, 100, 300, 98, 300, 300, 300));

        List<Plan> plans = planner.replan(List.of(job), Map.of("j", current));

        assertThat(plans.get(0)).isSameAs(current);
    }

    @Test
    void replan_newWindowMuchGreener_movesTheJob() {
        signals.with(hourly("DE", 300, 300, 100, 300, 300, 300, 300, 300));
        Plan current = planner.plan(job);
        signals.with(hourly("DE", 300, 300, 100, 300, 50, 300, 300, 300));

        List<Plan> plans = planner.replan(List.of(job), Map.of("j", current));

        assertThat(plans.get(0).start()).isEqualTo(at("04:00"));
    }

    @Test
    void replan_jobAboutToStart_keepsItsPlanEvenIfMuchBetterLater() {
        signals.with(hourly("DE", 300, 300, 100, 300, 300, 300, 300, 300));
        Plan current = planner.plan(job);
        clock.set(at("01:50"));
        signals.with(hourly("DE", 300, 300, 100, 300, 10, 300, 300, 300));

        List<Plan> plans = planner.replan(List.of(job), Map.of("j", current));

        assertThat(plans.get(0)).isSameAs(current);
    }

    @Test
    void replan_startAlreadyPassed_replansFromNow() {
        signals.with(hourly("DE", 300, 300, 100, 300, 300, 300, 300, 300));
        Plan current = planner.plan(job);
        clock.set(at("02:30"));

        Plan plan = planner.replan(List.of(job), Map.of("j", current)).get(0);

        assertThat(plan.start()).isAfterOrEqualTo(at("02:30"));
    }

    @Test
    void replan_manyJobs_fetchesEachZoneOnce() {
        signals.with(hourly("DE", 300, 200, 100, 300, 300, 300, 300, 300));
        List<PlanRequest> held = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> job("j" + i, MIDNIGHT, at("08:00"), Duration.ofHours(1), "DE")).toList();

        List<Plan> plans = planner.replan(held, Map.of());

        assertThat(signals.calls).isEqualTo(1);
        assertThat(plans).hasSize(50).allSatisfy(p -> assertThat(p.start()).isEqualTo(at("02:00")));
    }
}
