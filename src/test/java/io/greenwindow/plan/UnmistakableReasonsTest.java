package io.greenwindow.plan;

import static io.greenwindow.plan.Fixtures.MIDNIGHT;
import static io.greenwindow.plan.Fixtures.at;
import static io.greenwindow.plan.Fixtures.hourly;
import static io.greenwindow.plan.Fixtures.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.grid.SettableClock;
import io.greenwindow.plan.Fixtures.FixedSignals;
import io.greenwindow.policy.InMemoryPolicyStore;
import io.greenwindow.policy.PolicyRules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 15's wording rules: a missed deadline is said to be missed, and a policy's delay limit names itself. */
class UnmistakableReasonsTest {

    private final SettableClock clock = new SettableClock(MIDNIGHT);
    private final FixedSignals signals = new FixedSignals();
    private final InMemoryPolicyStore policies = new InMemoryPolicyStore(clock);
    private final JobPlanner planner = new JobPlanner(signals, policies, clock);

    private void maxDelay(Duration limit) {
        policies.publish("default", new PolicyRules(null, null, limit, List.of(), Map.of(), true, null, null, 24,
                null, 0.05, null));
    }

    @Test
    void plan_deadlineBeforeTheEstimatedEnd_saysItWillBeMissed() {
        signals.with(hourly("DE", 500, 50, 50));

        Plan plan = planner.plan(job("j", MIDNIGHT, at("00:30"), Duration.ofHours(1), "DE"));

        assertThat(plan.decision()).isEqualTo(Decision.RUN_NOW);
        assertThat(plan.reason()).isEqualTo("run now: deadline 00:30 UTC will be missed: a 1h job started now ends at"
                + " 01:00 UTC");
    }

    @Test
    void plan_maxDelayDecidesRunNow_namesThePolicyItsVersionAndTheLimit() {
        maxDelay(Duration.ofHours(1));
        signals.with(hourly("DE", 150, 200, 300, 100, 120, 400, 400, 400));

        Plan plan = planner.plan(job("j", MIDNIGHT, at("08:00"), Duration.ofHours(1), "DE"));

        // The 1h job may end by 02:00 (00:00 + 1h + 1h): 00:00 (150) beats 01:00 (200); 03:00 (100) is out of reach.
        assertThat(plan.start()).isEqualTo(MIDNIGHT);
        assertThat(plan.reason()).isEqualTo("run now: policy default@1 allows at most 1h of delay: the greenest 1h"
                + " within it is now (forecast 150 g/kWh)");
    }

    @Test
    void plan_maxDelayBoundsAHold_saysWhereItMustEnd() {
        maxDelay(Duration.ofHours(3));
        signals.with(hourly("DE", 300, 100, 200, 250, 20, 400, 400, 400));

        Plan plan = planner.plan(job("j", MIDNIGHT, at("08:00"), Duration.ofHours(1), "DE"));

        // Ends by 04:00 (00:00 + 1h + 3h): 01:00 (100) wins; 04:00 (20) is beyond the limit. Saving 1 - 100/300 = 67%.
        assertThat(plan.start()).isEqualTo(at("01:00"));
        assertThat(plan.reason()).isEqualTo("held until 01:00 UTC: forecast 100 g/kWh vs 300 now, expected saving 67%;"
                + " policy default@1 allows at most 3h of delay, so it must end by 04:00 UTC rather than the deadline"
                + " 08:00 UTC");
    }

    @Test
    void plan_replannedPastTheDelayLimit_blamesThePolicyNotTheDeadline() {
        maxDelay(Duration.ofHours(1));
        clock.set(at("03:00"));
        signals.with(hourly("DE", 150, 200, 300, 100, 120, 400, 400, 400));

        // Submitted at 00:00, so the limit says end by 02:00, already past at 03:00; the deadline 08:00 is not.
        Plan plan = planner.plan(job("j", MIDNIGHT, at("08:00"), Duration.ofHours(1), "DE"));

        assertThat(plan.decision()).isEqualTo(Decision.RUN_NOW);
        assertThat(plan.reason()).isEqualTo("run now: policy default@1 allows at most 1h of delay: no later start fits"
                + " a 1h job");
    }
}
