package io.greenwindow.plan;

import static io.greenwindow.plan.Fixtures.MIDNIGHT;
import static io.greenwindow.plan.Fixtures.at;
import static io.greenwindow.plan.Fixtures.hourly;
import static io.greenwindow.plan.Fixtures.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.greenwindow.grid.SettableClock;
import io.greenwindow.plan.Fixtures.FixedSignals;
import io.greenwindow.policy.InMemoryPolicyStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 2's rule, checked by hand: greenest contiguous window by time-weighted average, earliest on ties. */
class ContiguousPlanTest {

    private final SettableClock clock = new SettableClock(MIDNIGHT);
    private final FixedSignals signals = new FixedSignals();
    private final JobPlanner planner = new JobPlanner(signals, new InMemoryPolicyStore(clock), clock);

    @Test
    void plan_valleyBetweenTwoPeaks_holdsUntilTheValley() {
        signals.with(hourly("DE", 300, 400, 100, 100, 400, 300));

        Plan plan = planner.plan(job("j1", MIDNIGHT, at("06:00"), Duration.ofHours(2), "DE"));

        // Windows of 2h: 00:00 avg 350, 01:00 250, 02:00 100, 03:00 250, 04:00 350.
        assertThat(plan.decision()).isEqualTo(Decision.HOLD);
        assertThat(plan.start()).isEqualTo(at("02:00"));
        assertThat(plan.end()).isEqualTo(at("04:00"));
        assertThat(plan.expectedGPerKwh()).isCloseTo(100, within(1e-9));
        assertThat(plan.nowGPerKwh()).isCloseTo(350, within(1e-9));
        assertThat(plan.expectedSavingFraction()).isCloseTo(1 - 100.0 / 350, within(1e-9));
        assertThat(plan.reason()).isEqualTo("held until 02:00 UTC: forecast 100 g/kWh vs 350 now, expected saving 71%");
        assertThat(plan.policy()).isEqualTo("default@0");
    }

    @Test
    void plan_equalWindows_earliestWins() {
        signals.with(hourly("DE", 200, 100, 100, 100, 200));

        Plan plan = planner.plan(job("j1", MIDNIGHT, at("05:00"), Duration.ofHours(1), "DE"));

        assertThat(plan.start()).isEqualTo(at("01:00"));
    }

    @Test
    void plan_nowOffTheGrid_weighsThePartialSlotsByTime() {
        clock.set(at("00:30"));
        signals.with(hourly("DE", 100, 300, 250, 400));

        Plan plan = planner.plan(job("j1", at("00:30"), at("04:00"), Duration.ofHours(1), "DE"));

        // now: 0.5*100 + 0.5*300 = 200; 01:00: 300; 02:00: 250; 03:00: 400. Now wins.
        assertThat(plan.decision()).isEqualTo(Decision.RUN_NOW);
        assertThat(plan.start()).isEqualTo(at("00:30"));
        assertThat(plan.expectedGPerKwh()).isCloseTo(200, within(1e-9));
        assertThat(plan.reason()).startsWith("run now: now is the greenest window before the deadline 04:00 UTC");
    }

    @Test
    void plan_durationNotAMultipleOfTheStep_averagesOverTheExactDuration() {
        signals.with(hourly("DE", 400, 100, 100, 300, 100, 50));

        Plan plan = planner.plan(job("j1", MIDNIGHT, at("06:00"), Duration.ofMinutes(150), "DE"));

        // 2.5h windows: 00:00 (400+100+50)/2.5=220; 01:00 (100+100+150)/2.5=140; 02:00 (100+300+50)/2.5=180;
        // 03:00 (300+100+25)/2.5=170. 01:00 wins.
        assertThat(plan.start()).isEqualTo(at("01:00"));
        assertThat(plan.expectedGPerKwh()).isCloseTo(140, within(1e-9));
    }

    @Test
    void plan_deadlineInsideTheFirstSlot_runsNowAndSaysWhy() {
        clock.set(at("00:10"));
        signals.with(hourly("DE", 500, 50));

        Plan plan = planner.plan(job("j1", at("00:10"), at("00:50"), Duration.ofMinutes(30), "DE"));

        assertThat(plan.decision()).isEqualTo(Decision.RUN_NOW);
        assertThat(plan.start()).isEqualTo(at("00:10"));
        assertThat(plan.reason()).isEqualTo("run now: deadline 00:50 UTC leaves no room to shift a 30m job");
    }

    @Test
    void plan_noLaterStartFitsBeforeTheDeadline_runsNow() {
        signals.with(hourly("DE", 500, 50, 50));

        Plan plan = planner.plan(job("j1", MIDNIGHT, at("01:30"), Duration.ofHours(1), "DE"));

        assertThat(plan.decision()).isEqualTo(Decision.RUN_NOW);
        assertThat(plan.reason()).isEqualTo("run now: deadline 01:30 UTC leaves no room to shift a 1h job");
    }

    @Test
    void plan_deadlineAlreadyTooCloseToFinish_runsNow() {
        signals.with(hourly("DE", 500, 50, 50));

        Plan plan = planner.plan(job("j1", MIDNIGHT, at("00:30"), Duration.ofHours(1), "DE"));

        assertThat(plan.decision()).isEqualTo(Decision.RUN_NOW);
        assertThat(plan.reason()).isEqualTo("run now: deadline 00:30 UTC will be missed: a 1h job started now ends at 01:00 UTC");
    }

    @Test
    void plan_forecastUnavailable_fallsBackToRunningAtOnce() {
        Plan plan = planner.plan(job("j1", MIDNIGHT, at("12:00"), Duration.ofHours(1), "DE"));

        assertThat(plan.decision()).isEqualTo(Decision.RUN_NOW);
        assertThat(plan.start()).isEqualTo(MIDNIGHT);
        assertThat(plan.reason()).isEqualTo(
                "run now: no forecast for DE (provider answered 503), policy falls back to running at once");
    }

    @Test
    void plan_windowEndsAfterTheDeadline_isNotChosen() {
        signals.with(hourly("DE", 300, 300, 300, 10));

        Plan plan = planner.plan(job("j1", MIDNIGHT, at("03:30"), Duration.ofHours(1), "DE"));

        assertThat(plan.end()).isBeforeOrEqualTo(at("03:30"));
        assertThat(plan.start()).isEqualTo(MIDNIGHT);
    }

    @Test
    void plan_sameInputsTwice_givesTheSamePlan() {
        signals.with(hourly("DE", 300, 200, 200, 100, 100, 300));
        PlanRequest r = job("j1", MIDNIGHT, at("06:00"), Duration.ofMinutes(95), "DE");

        assertThat(planner.plan(r)).isEqualTo(planner.plan(r));
    }

    @Test
    void plan_endAlignedWindows_reachTheClairvoyantOptimum() {
        signals.with(hourly("DE", 400, 100, 400));
        PlanRequest r = job("j1", MIDNIGHT, at("03:00"), Duration.ofMinutes(30), "DE");
        JobPlanner optimal = new JobPlanner(signals, new InMemoryPolicyStore(clock), clock,
                GpuCapacity.unlimited(), CarbonBudget.NONE, true);

        // On the grid a 30-min window starting at 01:00 is already optimal; both agree.
        assertThat(optimal.plan(r).start()).isEqualTo(planner.plan(r).start());
        // A 90-min job: grid starts give 01:00 (100+200)/1.5=200; ending at 02:00 (start 00:30) also 200 — tie, earliest.
        PlanRequest longer = job("j2", MIDNIGHT, at("03:00"), Duration.ofMinutes(90), "DE");
        assertThat(optimal.plan(longer).start()).isEqualTo(at("00:30"));
        assertThat(planner.plan(longer).start()).isEqualTo(at("01:00"));
    }
}
