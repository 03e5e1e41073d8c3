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
 * The rest of a running interruptible job re-planned on a new forecast: paused when the rest is greener later by the
 * stickiness margin, going on otherwise. The job ran from midnight; at 02:00 it has 2 h of work left and its plan
 * (made on an older forecast) says it runs on until 04:00. Default policy: a resume costs 2 min, a re-plan moves a
 * job for 5% less carbon.
 */
class RunningReplanTest {

    private static final Duration LEFT = Duration.ofHours(2);
    private static final Duration RESUME = PolicyRules.DEFAULT_CHECKPOINT_OVERHEAD;

    private final SettableClock clock = new SettableClock(at("02:00"));
    private final FixedSignals signals = new FixedSignals();
    private final JobPlanner planner = new JobPlanner(signals, new InMemoryPolicyStore(clock), clock);
    private final PlanRequest job = interruptible("j", MIDNIGHT, at("08:00"), Duration.ofHours(4), "DE");
    private final PlanRequest rest = RestOfRun.request(job, LEFT, RESUME, "DE");

    private Plan current(PlannedSegment... segments) {
        return new Plan("j", Decision.HOLD, "DE", List.of(segments), 300, 300, 0, "planned on the old forecast",
                "default@1");
    }

    private static PlannedSegment seg(String from, String to) {
        return new PlannedSegment("DE", at(from), at(to));
    }

    @Test
    void runningJob_restMuchGreenerLater_isPausedNow() {
        // Deadline 09:00: the rest ends by 06:02 below, 2 h 2 min (its work left) ahead of 06:58, so pausing leaves
        // slack to run it even if that window is lost later.
        PlanRequest rest = RestOfRun.request(interruptible("j", MIDNIGHT, at("09:00"), Duration.ofHours(4), "DE"),
                LEFT, RESUME, "DE");
        Plan current = current(seg("02:00", "04:00"));
        // New forecast: 300 until 04:00, 100 from 04:00 to 06:00, 300 after. Going on: 2 h at 300 = 600 g·h/kWh.
        // The rest after a pause needs 2 h + one 2-min resume: the two hours at 100 and 2 min at 300 next to them,
        // 200 + 10 = 210, far below 600 less 5%.
        signals.with(hourly("DE", 300, 300, 300, 300, 100, 100, 300, 300, 300));

        Plan plan = planner.replan(List.of(rest), Map.of("j", current), Set.of("j")).get(0);

        assertThat(RestOfRun.goesOn(plan, clock.instant())).isFalse();
        assertThat(plan.runTime()).isEqualTo(LEFT.plus(RESUME));
        assertThat(plan.start()).isAfterOrEqualTo(at("03:58"));
        assertThat(plan.end()).isBeforeOrEqualTo(at("06:02"));
    }

    @Test
    void runningJob_restGreenerLaterButWithoutSlackToSpare_goesOn() {
        Plan current = current(seg("02:00", "04:00"));
        // The same forecast, deadline 08:00: the greener rest would end about 06:02, and 06:02 + 2 h 2 min of work
        // left = 08:04 is past the deadline: losing that window later would leave no time, so it goes on.
        signals.with(hourly("DE", 300, 300, 300, 300, 100, 100, 300, 300));

        Plan plan = planner.replan(List.of(rest), Map.of("j", current), Set.of("j")).get(0);

        assertThat(plan).isSameAs(current);
    }

    @Test
    void heldJobRules_wouldFreezeTheSamePlan_becauseItStartsNow() {
        // The same case planned as if the job were held: its current plan starts now, within the freeze, and stays.
        Plan current = current(seg("02:00", "04:00"));
        signals.with(hourly("DE", 300, 300, 300, 300, 100, 100, 300, 300));

        Plan plan = planner.replan(List.of(rest), Map.of("j", current), Set.of()).get(0);

        assertThat(plan).isSameAs(current);
    }

    @Test
    void runningJob_restOnlyMarginallyGreenerLater_goesOn() {
        Plan current = current(seg("02:00", "04:00"));
        // Later hours at 290: the rest after a pause costs 2 h at 290 + 2 min at 300 = 580 + 10 = 590 against 600
        // going on, 1.7% less: below the 5% a move needs.
        signals.with(hourly("DE", 300, 300, 300, 300, 290, 290, 300, 300));

        Plan plan = planner.replan(List.of(rest), Map.of("j", current), Set.of("j")).get(0);

        assertThat(plan).isSameAs(current);
        assertThat(RestOfRun.goingOn(plan, LEFT, RESUME)).isSameAs(current);
    }

    @Test
    void runningJob_greenNowButItsLaterSegmentNot_goesOnAndDropsTheUnneededResume() {
        // The old plan: 1 h now, a pause, then 1 h 2 min (the resume included) from 05:00.
        Plan current = current(seg("02:00", "03:00"), seg("05:00", "06:02"));
        // New forecast: 100 from 02:00 to 04:00, 300 elsewhere. Kept: 1 h at 100 + 62 min at 300 = 100 + 310 = 410;
        // going on through 04:00 needs 2 h (no resume): 200; the plan made for 2 h 2 min (one resume) ends at 04:02.
        signals.with(hourly("DE", 300, 300, 100, 100, 300, 300, 300, 300));

        Plan plan = planner.replan(List.of(rest), Map.of("j", current), Set.of("j")).get(0);

        assertThat(RestOfRun.goesOn(plan, clock.instant())).isTrue();
        assertThat(plan.segments()).containsExactly(seg("02:00", "04:02"));
        assertThat(RestOfRun.goingOn(plan, LEFT, RESUME).segments()).containsExactly(seg("02:00", "04:00"));
    }

    @Test
    void runningJob_keepsItsGpuAgainstAHeldJobSubmittedBefore_ratherThanBeingPreempted() {
        // One GPU in DE. The held job h (2 h, contiguous, submitted at midnight) and the running job j (submitted at
        // 01:00, 2 h left, running until 04:00) both want the green 02:00-04:00. In submission order h would take it
        // and j would lose its GPU; a running job is placed first, so it goes on and h waits for 04:00.
        GpuCapacity oneGpu = new GpuCapacity(Map.of("DE", 1), Duration.ofHours(1));
        JobPlanner limited = new JobPlanner(signals, new InMemoryPolicyStore(clock), clock, oneGpu, CarbonBudget.NONE,
                false);
        signals.with(hourly("DE", 300, 300, 100, 100, 300, 300, 300, 300));
        PlanRequest held = new PlanRequest("h", "team-a", MIDNIGHT, at("08:00"), Duration.ofHours(2), List.of("DE"), 1,
                false, 0, false);
        PlanRequest running = RestOfRun.request(new PlanRequest("j", "team-a", at("01:00"), at("08:00"),
                Duration.ofHours(3), List.of("DE"), 1, true, 0, false), LEFT, RESUME, "DE");
        Plan current = current(seg("02:00", "04:00"));

        List<Plan> plans = limited.replan(List.of(held, running), Map.of("j", current), Set.of("j"));

        assertThat(plans.get(1)).isSameAs(current);
        assertThat(plans.get(0).start()).isAfterOrEqualTo(at("04:00"));
    }

    @Test
    void ahead_cutsTheSegmentUnderWayAtNow_andDropsWhatRan() {
        List<PlannedSegment> plan = List.of(seg("00:00", "01:00"), seg("01:30", "03:00"), seg("05:00", "06:00"));

        assertThat(RestOfRun.ahead(plan, at("02:00"))).containsExactly(seg("02:00", "03:00"), seg("05:00", "06:00"));
        assertThat(RestOfRun.ahead(plan, at("04:00"))).containsExactly(seg("05:00", "06:00"));
        assertThat(RestOfRun.ahead(plan, at("06:00"))).isEmpty();
    }
}
