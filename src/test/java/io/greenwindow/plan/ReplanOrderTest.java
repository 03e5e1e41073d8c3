package io.greenwindow.plan;

import static io.greenwindow.plan.Fixtures.MIDNIGHT;
import static io.greenwindow.plan.Fixtures.at;
import static io.greenwindow.plan.Fixtures.hourly;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.grid.SettableClock;
import io.greenwindow.plan.Fixtures.FixedSignals;
import io.greenwindow.policy.InMemoryPolicyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order in which re-planning places a queue that competes for capacity. */
class ReplanOrderTest {

    private final SettableClock clock = new SettableClock(MIDNIGHT);
    // FR: 300 at 00:00, 100 at 01:00, 200 at 02:00, then 300; one job of 8 GPUs fits at a time.
    private final JobPlanner planner = new JobPlanner(new FixedSignals().with(hourly("FR", 300, 100, 200, 300, 300, 300)),
            new InMemoryPolicyStore(clock), clock, new GpuCapacity(Map.of("FR", 8), Duration.ofHours(1)),
            CarbonBudget.NONE, false);

    @Test
    void replan_laterSubmittedJobWithEarlierDeadline_doesNotTakeTheGreenHourOfTheJobPlannedBeforeIt() {
        // "first" was submitted at 22:00 and planned into the 100 hour; "second" came at 23:00 with an earlier
        // deadline that the 200 hour still meets. Earliest deadline first would hand "second" the 100 hour.
        var first = new PlanRequest("first", "t", MIDNIGHT.minus(Duration.ofHours(2)), at("06:00"), Duration.ofHours(1),
                List.of("FR"), 8, false, 0, false);
        var second = new PlanRequest("second", "t", MIDNIGHT.minus(Duration.ofHours(1)), at("04:00"), Duration.ofHours(1),
                List.of("FR"), 8, false, 0, false);

        var plans = planner.replan(List.of(second, first), Map.of());

        assertThat(plans.get(1).start()).isEqualTo(at("01:00"));
        assertThat(plans.get(0).start()).isEqualTo(at("02:00"));
        assertThat(plans.get(0).end()).isBeforeOrEqualTo(at("04:00"));
    }

    @Test
    void replan_submissionOrderWouldMakeTheLaterJobLate_movesItFirstSoBothDeadlinesHold() {
        // "second" needs 2 h by 02:00, so only 00:00-02:00 will do. Placed after "first", which takes the 100 hour at
        // 01:00, it would end late: it is moved to the front and "first" waits for the 200 hour at 02:00.
        var first = new PlanRequest("first", "t", MIDNIGHT.minus(Duration.ofHours(2)), at("06:00"), Duration.ofHours(1),
                List.of("FR"), 8, false, 0, false);
        var second = new PlanRequest("second", "t", MIDNIGHT.minus(Duration.ofHours(1)), at("02:00"), Duration.ofHours(2),
                List.of("FR"), 8, false, 0, false);

        var plans = planner.replan(List.of(first, second), Map.of());

        assertThat(plans.get(1).start()).isEqualTo(MIDNIGHT);
        assertThat(plans.get(1).end()).isEqualTo(at("02:00"));
        assertThat(plans.get(0).start()).isAfterOrEqualTo(at("02:00"));
        assertThat(plans.get(0).end()).isBeforeOrEqualTo(at("06:00"));
    }
}
