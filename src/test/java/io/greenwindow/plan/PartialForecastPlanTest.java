package io.greenwindow.plan;

import static io.greenwindow.plan.Fixtures.at;
import static io.greenwindow.plan.Fixtures.job;
import static io.greenwindow.plan.Fixtures.signal;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.grid.SettableClock;
import io.greenwindow.plan.Fixtures.FixedSignals;
import io.greenwindow.policy.InMemoryPolicyStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, point 6: only 3 hours of forecast are known (18:00 to 21:00 UTC) for a job whose deadline is two days
 * away. The planner places it within what it knows and says so; it never claims the whole deadline was searched.
 */
class PartialForecastPlanTest {

    private static final Instant SIX_PM = at("18:00");
    private final SettableClock clock = new SettableClock(SIX_PM);
    private final FixedSignals signals = new FixedSignals();
    private final JobPlanner planner = new JobPlanner(signals, new InMemoryPolicyStore(clock), clock);

    @Test
    void plan_greenerHourInsideAShortForecast_holdsForItAndSaysTheForecastIsPartial() {
        signals.with(signal("DE", SIX_PM, Duration.ofHours(1), 300, 100, 200));

        Plan plan = planner.plan(job("j1", SIX_PM, SIX_PM.plus(Duration.ofDays(2)), Duration.ofHours(1), "DE"));

        // 1 h windows: 18:00 300, 19:00 100, 20:00 200; the best known is 19:00, saving 1 - 100/300 = 67%.
        assertThat(plan.decision()).isEqualTo(Decision.HOLD);
        assertThat(plan.start()).isEqualTo(at("19:00"));
        assertThat(plan.reason()).isEqualTo("held until 19:00 UTC: forecast 100 g/kWh vs 300 now, expected saving 67%;"
                + " forecast covers only until 21:00 UTC, short of the deadline 2026-03-04 18:00 UTC; planned within"
                + " it, re-planned when more arrives");
    }

    @Test
    void plan_nowGreenestInsideAShortForecast_runsNowWithoutClaimingTheWholeDeadline() {
        signals.with(signal("DE", SIX_PM, Duration.ofHours(1), 100, 300, 200));

        Plan plan = planner.plan(job("j1", SIX_PM, SIX_PM.plus(Duration.ofDays(2)), Duration.ofHours(1), "DE"));

        assertThat(plan.decision()).isEqualTo(Decision.RUN_NOW);
        assertThat(plan.reason()).isEqualTo("run now: now is the greenest window the forecast knows (forecast 100 g/kWh);"
                + " forecast covers only until 21:00 UTC, short of the deadline 2026-03-04 18:00 UTC; planned within it");
        assertThat(plan.reason()).doesNotContain("before the deadline").doesNotContain("leaves no room");
    }

    @Test
    void plan_forecastReachingTheDeadline_keepsTheWholeDeadlineWording() {
        // Control: the same hours, the deadline at the forecast's end (21:00), so the whole range was searched.
        signals.with(signal("DE", SIX_PM, Duration.ofHours(1), 100, 300, 200));

        Plan plan = planner.plan(job("j1", SIX_PM, at("21:00"), Duration.ofHours(1), "DE"));

        assertThat(plan.reason()).isEqualTo("run now: now is the greenest window before the deadline 21:00 UTC"
                + " (forecast 100 g/kWh)");
    }

    @Test
    void replan_whenALongerForecastArrives_findsTheGreenerHourBeyondTheFirstOne() {
        signals.with(signal("DE", SIX_PM, Duration.ofHours(1), 300, 100, 200));
        var request = job("j1", SIX_PM, SIX_PM.plus(Duration.ofDays(2)), Duration.ofHours(1), "DE");
        Plan first = planner.plan(request);
        assertThat(first.start()).isEqualTo(at("19:00"));

        // A forecast to 02:00 arrives, with a cleaner hour at 23:00; the re-plan moves the job there.
        signals.with(signal("DE", SIX_PM, Duration.ofHours(1), 300, 100, 200, 150, 150, 40, 90, 90));
        Plan again = planner.replan(java.util.List.of(request), java.util.Map.of("j1", first)).get(0);

        assertThat(again.start()).isEqualTo(at("23:00"));
        assertThat(again.reason()).contains("forecast covers only until 2026-03-03 02:00 UTC");
    }
}
