package io.greenwindow.plan;

import static io.greenwindow.plan.Fixtures.MIDNIGHT;
import static io.greenwindow.plan.Fixtures.at;
import static io.greenwindow.plan.Fixtures.hourly;
import static io.greenwindow.plan.Fixtures.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.grid.SettableClock;
import io.greenwindow.plan.Fixtures.FixedSignals;
import io.greenwindow.policy.Fallback;
import io.greenwindow.policy.InMemoryPolicyStore;
import io.greenwindow.policy.PolicyRules;
import io.greenwindow.policy.PolicyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyPlanTest {

    private final SettableClock clock = new SettableClock(MIDNIGHT);
    private final FixedSignals signals = new FixedSignals()
            .with(hourly("DE", 150, 200, 300, 100, 120, 400, 400, 400))
            .with(hourly("FR", 50, 50, 50, 50, 50, 50, 50, 50));
    private final InMemoryPolicyStore policies = new InMemoryPolicyStore(clock);
    private final JobPlanner planner = new JobPlanner(signals, policies, clock);

    private static PolicyRules rules(Double absolute, Double percentile, Duration maxDelay, List<String> zones,
            Map<String, Double> budgets, Fallback fallback) {
        return new PolicyRules(absolute, percentile, maxDelay, zones, budgets, true, null, null, 24, fallback, 0.05, null);
    }

    @Test
    void plan_nowBelowTheAbsoluteThreshold_runsNowAndNamesThePolicy() {
        policies.publish("default", rules(160.0, null, null, List.of(), Map.of(), null));

        Plan plan = planner.plan(job("j", MIDNIGHT, at("08:00"), Duration.ofHours(1), "DE"));

        assertThat(plan.decision()).isEqualTo(Decision.RUN_NOW);
        assertThat(plan.reason()).isEqualTo("run now: forecast 150 g/kWh now in DE is at or below the policy threshold 160 g/kWh");
        assertThat(plan.policy()).isEqualTo("default@1");
    }

    @Test
    void plan_nowWithinThePercentileThreshold_runsNow() {
        policies.publish("default", rules(null, 40.0, null, List.of(), Map.of(), null));

        Plan plan = planner.plan(job("j", MIDNIGHT, at("08:00"), Duration.ofHours(1), "DE"));

        // Horizon sorted: 100 120 150 200 300 400 400 400; p40 (nearest rank 4 of 8) = 200 >= 150.
        assertThat(plan.decision()).isEqualTo(Decision.RUN_NOW);
        assertThat(plan.reason()).contains("within the greenest 40% of the horizon (p40 = 200 g/kWh)");
    }

    @Test
    void plan_maxDelay_capsHowLateTheJobMayFinish() {
        policies.publish("default", rules(null, null, Duration.ofHours(1), List.of(), Map.of(), null));

        Plan plan = planner.plan(job("j", MIDNIGHT, at("08:00"), Duration.ofHours(1), "DE"));

        // Without the cap 03:00 (100) wins; with it the job must end by 02:00: 00:00 (150) vs 01:00 (200).
        assertThat(plan.start()).isEqualTo(MIDNIGHT);
    }

    @Test
    void plan_zoneNotAllowedByPolicy_isNotUsed() {
        policies.publish("default", rules(null, null, null, List.of("DE"), Map.of(), null));

        Plan plan = planner.plan(job("j", MIDNIGHT, at("08:00"), Duration.ofHours(1), "DE", "FR"));

        assertThat(plan.zone()).isEqualTo("DE");
        assertThat(plan.start()).isEqualTo(at("03:00"));
    }

    @Test
    void plan_teamPolicy_winsOverTheDefault() {
        policies.publish("default", rules(500.0, null, null, List.of(), Map.of(), null));
        policies.publish("team-a", rules(null, null, null, List.of(), Map.of(), null));

        Plan plan = planner.plan(job("j", MIDNIGHT, at("08:00"), Duration.ofHours(1), "DE"));

        assertThat(plan.policy()).isEqualTo("team-a@1");
        assertThat(plan.start()).isEqualTo(at("03:00"));
    }

    @Test
    void plan_urgentJob_skipsWaitingUnlessTheTeamIsOverBudget() {
        PlanRequest urgent = new PlanRequest("u", "team-a", MIDNIGHT, at("08:00"), Duration.ofHours(1), List.of("DE"), 0, false, 0, true);
        assertThat(planner.plan(urgent).reason()).isEqualTo("run now: urgent job, and policy default@0 lets urgent jobs skip waiting");

        policies.publish("default", rules(null, null, null, List.of(), Map.of("team-a", 10.0), null));
        JobPlanner budgeted = new JobPlanner(signals, policies, clock, GpuCapacity.unlimited(), (team, from, to) -> 12.5, false);
        Plan plan = budgeted.plan(urgent);

        assertThat(plan.start()).isEqualTo(at("03:00"));
        assertThat(plan.reason()).endsWith("team team-a is over its carbon budget (12.5 of 10.0 kg this month), so it waits for the greenest window");
    }

    @Test
    void plan_noForecastAndLatestStartFallback_holdsUntilTheLastSafeStart() {
        policies.publish("default", rules(null, null, null, List.of(), Map.of(), Fallback.LATEST_START));

        Plan plan = planner.plan(job("j", MIDNIGHT, at("08:00"), Duration.ofHours(2), "PL"));

        assertThat(plan.decision()).isEqualTo(Decision.HOLD);
        assertThat(plan.start()).isEqualTo(at("06:00"));
        assertThat(plan.end()).isEqualTo(at("08:00"));
        assertThat(plan.reason()).isEqualTo("held until 06:00 UTC: no forecast for PL (provider answered 503), "
                + "policy holds until the latest start that meets the deadline");
    }
}
