package io.greenwindow.plan;

import static io.greenwindow.plan.Fixtures.MIDNIGHT;
import static io.greenwindow.plan.Fixtures.at;
import static io.greenwindow.plan.Fixtures.hourly;
import static io.greenwindow.plan.Fixtures.interruptible;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.grid.SettableClock;
import io.greenwindow.plan.Fixtures.FixedSignals;
import io.greenwindow.policy.InMemoryPolicyStore;
import io.greenwindow.policy.PolicyRules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The replan margin (default 5%) when a running interruptible job could pause: it is weighed on the hours it would
 * give up and take instead, not on the hours its rest keeps either way, and it grows by 0.75% x the square root of
 * how many hours ahead the hours taken lie. A held job's plan is still weighed whole. No capacity limit; it is
 * midnight.
 */
class ReplanMarginTest {

    private final SettableClock clock = new SettableClock(MIDNIGHT);
    private final FixedSignals signals = new FixedSignals();
    private final JobPlanner planner = new JobPlanner(signals, new InMemoryPolicyStore(clock), clock);

    /** j runs since 23:00 with 3 h of work left (deadline 12:00); its rest goes on, 00:00-03:00. */
    private static PlanRequest running() {
        return RestOfRun.request(interruptible("j", MIDNIGHT.minus(Duration.ofHours(1)), at("12:00"),
                Duration.ofHours(4), "DE"), Duration.ofHours(3), PolicyRules.DEFAULT_CHECKPOINT_OVERHEAD, "DE");
    }

    private static Plan plan(String id, Decision decision, String from, String to) {
        return new Plan(id, decision, "DE", List.of(new PlannedSegment("DE", at(from), at(to))), 300, 310, 0,
                "planned on the old forecast", "default@1");
    }

    @Test
    void runningJob_pausesWhenTheHoursItTradesGainTheMargin_thoughTheWholeRestGainsLess() {
        // New forecast: 310, 300, 299, 270, 305, then 400. Pausing now, the rest (3 h + a 2-min resume) takes the
        // greenest 3 h 2 min, 01:00-04:02: 300 + 299 + 270 + 305/30 = 879.2 g/kWh x h, against 310 + 300 + 299 = 909
        // going on (3.3% less over the whole rest: under 5%). Both share 01:00-03:00 (599); what changes is 00:00-01:00
        // (310) given up for 03:00-04:02 (280.2): 9.6% less, over the margin (5% + 0.75% x sqrt(3.52 h of lead) =
        // 6.41%). It ends at 04:02, 3 h 2 min before 07:04 <= 12:00, so the pause keeps its slack.
        signals.with(hourly("DE", 310, 300, 299, 270, 305, 400, 400, 400, 400, 400, 400, 400));

        List<Plan> plans = planner.replan(List.of(running()), Map.of("j", plan("j", Decision.RUN_NOW, "00:00",
                "03:00")), Set.of("j"));

        assertThat(plans.get(0).segments()).containsExactly(new PlannedSegment("DE", at("01:00"), at("04:02")));
    }

    @Test
    void runningJob_goesOnWhenTheHoursItTradesGainLessThanTheMargin() {
        // As above with 295 at 03:00: the same greenest rest, 01:00-04:02, but the traded hours are 295 + 10.2 = 305.2
        // against 310: 1.6% less, under the margin. It goes on (its current rest, the same object).
        signals.with(hourly("DE", 310, 300, 299, 295, 305, 400, 400, 400, 400, 400, 400, 400));
        Plan goingOn = plan("j", Decision.RUN_NOW, "00:00", "03:00");

        List<Plan> plans = planner.replan(List.of(running()), Map.of("j", goingOn), Set.of("j"));

        assertThat(plans.get(0)).isSameAs(goingOn);
    }

    @Test
    void runningJob_goesOnWhenTheHoursItWouldTakeLieFarAheadAndGainLessThanTheirLeadAsks() {
        // j (3 h left, deadline 14:00) runs at 310. New forecast: 310 from 00:00 to 03:00, 400 until 06:00, 290 from
        // 06:00 to 09:00, 295, then 400. Pausing, the rest (3 h + a 2-min resume) takes 06:00-09:02: 870 + 295/30 =
        // 879.8 against 930 going on, 5.4% less, over the 5% margin, and it keeps its slack (09:02 + 3 h <= 14:00).
        // But those hours lie 6-9 h ahead (mean lead (6 + 9.03) / 2 = 7.52 h), so the margin is 5% + 0.75% x
        // sqrt(7.52) = 7.06%: the gain is under it and j goes on. (The first test's hours taken, 03:00-04:02, lie
        // 3.52 h ahead on average: 5% + 0.75% x 1.88 = 6.41% < 9.6%, it still pauses.)
        signals.with(hourly("DE", 310, 310, 310, 400, 400, 400, 290, 290, 290, 295, 400, 400, 400, 400, 400));
        PlanRequest far = RestOfRun.request(interruptible("j", MIDNIGHT.minus(Duration.ofHours(1)), at("14:00"),
                Duration.ofHours(4), "DE"), Duration.ofHours(3), PolicyRules.DEFAULT_CHECKPOINT_OVERHEAD, "DE");
        Plan goingOn = plan("j", Decision.RUN_NOW, "00:00", "03:00");

        List<Plan> plans = planner.replan(List.of(far), Map.of("j", goingOn), Set.of("j"));

        assertThat(plans.get(0)).isSameAs(goingOn);
    }

    @Test
    void heldJob_isWeighedOnItsWholePlan() {
        // A held 10-hour job (deadline 13:00) planned for 01:00-11:00. New forecast: 400, 350, 300 from 02:00 to 11:00,
        // 200, 400. The greenest 10 hours are 02:00-12:00: 2,900 against 3,050 on its hours, 4.9% less over the whole
        // plan: it stays (though the hour it would trade, 350 for 200, gains 43%). Weighed on the changed hours, held
        // plans chased the forecast's noise: interruptible DE under capacity, rolling forecasts, fell to 94.0-94.3% of
        // the LP bound's saving on seeds 2 and 3 (December 2026).
        signals.with(hourly("DE", 400, 350, 300, 300, 300, 300, 300, 300, 300, 300, 300, 200, 400));
        PlanRequest held = interruptible("i", MIDNIGHT, at("13:00"), Duration.ofHours(10), "DE");
        Plan current = plan("i", Decision.HOLD, "01:00", "11:00");

        List<Plan> plans = planner.replan(List.of(held), Map.of("i", current));

        assertThat(plans.get(0)).isSameAs(current);
    }
}
