package io.greenwindow.plan;

import static io.greenwindow.plan.Fixtures.MIDNIGHT;
import static io.greenwindow.plan.Fixtures.at;
import static io.greenwindow.plan.Fixtures.gpuJob;
import static io.greenwindow.plan.Fixtures.hourly;
import static io.greenwindow.plan.Fixtures.interruptible;
import static io.greenwindow.plan.Fixtures.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.grid.SettableClock;
import io.greenwindow.plan.Fixtures.FixedSignals;
import io.greenwindow.policy.InMemoryPolicyStore;
import io.greenwindow.policy.PolicyRules;
import io.greenwindow.policy.PolicyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy's {@code minSavingToHold}: a job waits only when waiting saves at least that fraction. */
class MinSavingToHoldTest {

    private final SettableClock clock = new SettableClock(MIDNIGHT);
    private final FixedSignals signals = new FixedSignals();
    private final InMemoryPolicyStore policies = new InMemoryPolicyStore(clock);
    private final JobPlanner planner = new JobPlanner(signals, policies, clock);
    // Now 100 g/kWh; the best 1 h window before 04:00 is 02:00 at 99: a 1% saving.
    private final PlanRequest onePercent = job("j", MIDNIGHT, at("04:00"), Duration.ofHours(1), "DE");

    private void minimum(double fraction) {
        policies.publish(PolicyStore.DEFAULT_NAME, PolicyRules.DEFAULT.withMinSavingToHold(fraction));
    }

    @Test
    void plan_onePercentWindowAndTheDefaultPolicy_holdsAsBefore() {
        signals.with(hourly("DE", 100, 120, 99, 120));

        Plan plan = planner.plan(onePercent);

        assertThat(plan.decision()).isEqualTo(Decision.HOLD);
        assertThat(plan.reason()).isEqualTo("held until 02:00 UTC: forecast 99 g/kWh vs 100 now, expected saving 1%");
    }

    @Test
    void plan_onePercentWindowBelowAFivePercentMinimum_runsNowAndSaysWhy() {
        signals.with(hourly("DE", 100, 120, 99, 120));
        minimum(0.05);

        Plan plan = planner.plan(onePercent);

        assertThat(plan.decision()).isEqualTo(Decision.RUN_NOW);
        assertThat(plan.start()).isEqualTo(MIDNIGHT);
        assertThat(plan.zone()).isEqualTo("DE");
        assertThat(plan.expectedSavingFraction()).isZero();
        assertThat(plan.reason()).isEqualTo("run now: the best window (02:00 UTC, 99 vs 100 g/kWh) would save 1%, "
                + "below policy default@1's minimum of 5%");
    }

    @Test
    void plan_fortyPercentWindowAboveAFivePercentMinimum_stillHolds() {
        signals.with(hourly("DE", 100, 120, 60, 120));
        minimum(0.05);

        Plan plan = planner.plan(onePercent);

        assertThat(plan.decision()).isEqualTo(Decision.HOLD);
        assertThat(plan.reason()).isEqualTo("held until 02:00 UTC: forecast 60 g/kWh vs 100 now, expected saving 40%");
    }

    @Test
    void plan_savingExactlyTheMinimum_holds() {
        signals.with(hourly("DE", 100, 120, 95, 120));
        minimum(0.05);

        assertThat(planner.plan(onePercent).decision()).isEqualTo(Decision.HOLD);
    }

    @Test
    void plan_thresholdAndUrgency_keepTheirOwnReasons() {
        signals.with(hourly("DE", 100, 120, 99, 120));
        policies.publish(PolicyStore.DEFAULT_NAME, new PolicyRules(100.0, null, null, null, null, true, null, null,
                PolicyRules.DEFAULT_MAX_PAUSES, null, 0.05, null, 0.05));
        PlanRequest urgent = new PlanRequest("u", "team-a", MIDNIGHT, at("04:00"), Duration.ofHours(1), List.of("DE"),
                0, false, 0, true);

        assertThat(planner.plan(onePercent).reason()).startsWith("run now: forecast 100 g/kWh now in DE is at or below");
        assertThat(planner.plan(urgent).reason()).startsWith("run now: urgent job");
    }

    @Test
    void plan_teamOverItsBudget_waitsForTheGreenestWindowWhateverItSaves() {
        signals.with(hourly("DE", 100, 120, 99, 120));
        policies.publish(PolicyStore.DEFAULT_NAME, new PolicyRules(null, null, null, null, Map.of("team-a", 10.0), true,
                null, null, PolicyRules.DEFAULT_MAX_PAUSES, null, 0.05, null, 0.05));
        JobPlanner budgeted = new JobPlanner(signals, policies, clock, GpuCapacity.unlimited(), (team, from, to) -> 12.5, false);

        Plan plan = budgeted.plan(onePercent);

        assertThat(plan.start()).isEqualTo(at("02:00"));
        assertThat(plan.reason()).endsWith("so it waits for the greenest window");
    }

    @Test
    void plan_interruptibleSavingJustBelowTheMinimum_runsAtOnceInOnePieceAndTellsTheDecimals() {
        // Two 1 h slots at 100 instead of 00:00-02:00 at (100 + 110) / 2 = 105: saving 1 - 100/105 = 4.76%.
        signals.with(hourly("DE", 100, 110, 100, 110));
        policies.publish(PolicyStore.DEFAULT_NAME,
                PolicyRules.DEFAULT.withInterruption(Duration.ZERO, Duration.ZERO, 4).withMinSavingToHold(0.05));

        Plan plan = planner.plan(interruptible("j", MIDNIGHT, at("04:00"), Duration.ofHours(2), "DE"));

        assertThat(plan.segments()).hasSize(1);
        assertThat(plan.start()).isEqualTo(MIDNIGHT);
        assertThat(plan.reason()).isEqualTo("run now: the best window (now in 2 segments, 100 vs 105 g/kWh) would "
                + "save 4.8%, below policy default@1's minimum of 5.0%");
    }

    @Test
    void plan_heldInAnotherZoneForTooLittle_runsNowAtHome() {
        signals.with(hourly("DE", 100, 100, 100, 100)).with(hourly("FR", 120, 120, 97, 120));
        minimum(0.05);

        Plan plan = planner.plan(job("j", MIDNIGHT, at("04:00"), Duration.ofHours(1), "DE", "FR"));

        assertThat(plan.zone()).isEqualTo("DE");
        assertThat(plan.reason()).isEqualTo("run now: the best window (02:00 UTC in FR, 97 vs 100 g/kWh now in DE) "
                + "would save 3%, below policy default@1's minimum of 5%");
    }

    @Test
    void plan_anotherZoneGreenerNow_movesThereSinceNobodyWaits() {
        signals.with(hourly("DE", 100, 100, 100, 100)).with(hourly("FR", 97, 97, 97, 97));
        minimum(0.05);

        Plan plan = planner.plan(job("j", MIDNIGHT, at("04:00"), Duration.ofHours(1), "DE", "FR"));

        assertThat(plan.zone()).isEqualTo("FR");
        assertThat(plan.start()).isEqualTo(MIDNIGHT);
    }

    @Test
    void plan_noGpusFreeNow_waitsForTheGreenerWindowAnyway() {
        signals.with(hourly("DE", 100, 100, 100, 99));
        minimum(0.05);
        GpuCapacity capacity = new GpuCapacity(Map.of("DE", 8), Duration.ofHours(1));
        capacity.reserve("DE", 8, MIDNIGHT, at("01:00"));
        JobPlanner limited = new JobPlanner(signals, policies, clock, capacity, CarbonBudget.NONE, false);

        Plan plan = limited.plan(gpuJob("j", MIDNIGHT, at("04:00"), Duration.ofHours(1), 8, "DE"));

        assertThat(plan.start()).isEqualTo(at("03:00"));
        assertThat(plan.reason()).startsWith("held until 03:00 UTC");
    }

    @Test
    void replan_minimumRaisedAfterTheJobWasHeld_releasesItAtOnce() {
        signals.with(hourly("DE", 100, 120, 99, 120));
        Plan current = planner.plan(onePercent);
        minimum(0.05);

        Plan plan = planner.replan(List.of(onePercent), Map.of("j", current)).get(0);

        assertThat(current.decision()).isEqualTo(Decision.HOLD);
        assertThat(plan.decision()).isEqualTo(Decision.RUN_NOW);
        assertThat(plan.reason()).startsWith("run now: the best window (02:00 UTC, 99 vs 100 g/kWh) would save 1%");
    }
}
