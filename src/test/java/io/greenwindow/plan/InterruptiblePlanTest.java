package io.greenwindow.plan;

import static io.greenwindow.plan.Fixtures.MIDNIGHT;
import static io.greenwindow.plan.Fixtures.at;
import static io.greenwindow.plan.Fixtures.hourly;
import static io.greenwindow.plan.Fixtures.interruptible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.greenwindow.grid.SettableClock;
import io.greenwindow.plan.Fixtures.FixedSignals;
import io.greenwindow.policy.InMemoryPolicyStore;
import io.greenwindow.policy.PolicyRules;
import io.greenwindow.policy.PolicyStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InterruptiblePlanTest {

    private final SettableClock clock = new SettableClock(MIDNIGHT);
    private final FixedSignals signals = new FixedSignals().with(hourly("DE", 100, 500, 100, 500, 100, 500));
    private final InMemoryPolicyStore policies = new InMemoryPolicyStore(clock);
    private final JobPlanner planner = new JobPlanner(signals, policies, clock);

    private void rules(Duration overhead, Duration minSegment, int maxPauses) {
        policies.publish(PolicyStore.DEFAULT_NAME, PolicyRules.DEFAULT.withInterruption(overhead, minSegment, maxPauses));
    }

    @Test
    void plan_noOverhead_takesTheThreeCheapestSlots() {
        // Running at once: (100 + 500 + 100) / 3 = 233 g/kWh; the three 100 slots save 57%.
        rules(Duration.ZERO, Duration.ZERO, 10);

        Plan plan = planner.plan(interruptible("j", MIDNIGHT, at("06:00"), Duration.ofHours(3), "DE"));

        assertThat(plan.segments()).extracting(PlannedSegment::start).containsExactly(at("00:00"), at("02:00"), at("04:00"));
        assertThat(plan.runTime()).isEqualTo(Duration.ofHours(3));
        assertThat(plan.decision()).isEqualTo(Decision.RUN_NOW);
        assertThat(plan.expectedGPerKwh()).isCloseTo(100, within(1e-9));
        assertThat(plan.reason()).isEqualTo("run now in 3 segments: forecast 100 g/kWh vs 233 now, expected saving 57%");
    }

    @Test
    void plan_withResumeOverhead_addsItPerPause() {
        rules(Duration.ofMinutes(10), Duration.ZERO, 10);

        Plan plan = planner.plan(interruptible("j", MIDNIGHT, at("06:00"), Duration.ofMinutes(150), "DE"));

        assertThat(plan.runTime()).isEqualTo(Duration.ofMinutes(150).plus(Duration.ofMinutes(10).multipliedBy(plan.pauses())));
        assertThat(plan.pauses()).isEqualTo(2);
        plan.segments().forEach(s -> assertThat(s.start()).isAfterOrEqualTo(MIDNIGHT));
        assertThat(plan.end()).isBeforeOrEqualTo(at("06:00"));
    }

    @Test
    void plan_noPausesAllowed_fallsBackToOneWindow() {
        rules(Duration.ZERO, Duration.ZERO, 0);

        Plan plan = planner.plan(interruptible("j", MIDNIGHT, at("06:00"), Duration.ofHours(3), "DE"));

        assertThat(plan.segments()).hasSize(1);
        assertThat(plan.runTime()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void plan_minimumSegmentLongerThanTheValleys_mergesSegments() {
        rules(Duration.ZERO, Duration.ofMinutes(90), 10);

        Plan plan = planner.plan(interruptible("j", MIDNIGHT, at("06:00"), Duration.ofHours(3), "DE"));

        plan.segments().forEach(s -> assertThat(s.length()).isGreaterThanOrEqualTo(Duration.ofMinutes(90)));
        assertThat(plan.runTime()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void plan_pauseCostsMoreThanItSaves_staysContiguous() {
        signals.with(hourly("GB", 100, 110, 100, 500));
        rules(Duration.ofMinutes(30), Duration.ZERO, 10);

        Plan plan = planner.plan(interruptible("j", MIDNIGHT, at("04:00"), Duration.ofHours(2), "GB"));

        // Skipping the 110 slot saves 10 g/kWh for an hour but the pause adds 30 min at >= 100.
        assertThat(plan.segments()).hasSize(1);
    }
}
