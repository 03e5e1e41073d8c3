package io.greenwindow.plan;

import static io.greenwindow.plan.Fixtures.MIDNIGHT;
import static io.greenwindow.plan.Fixtures.at;
import static io.greenwindow.plan.Fixtures.gpuJob;
import static io.greenwindow.plan.Fixtures.hourly;
import static io.greenwindow.plan.Fixtures.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.grid.SettableClock;
import io.greenwindow.plan.Fixtures.FixedSignals;
import io.greenwindow.policy.InMemoryPolicyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpatialCapacityPlanTest {

    private final SettableClock clock = new SettableClock(MIDNIGHT);
    private final FixedSignals signals = new FixedSignals()
            .with(hourly("DE", 400, 300, 300, 400))
            .with(hourly("FR", 60, 60, 60, 60));

    private JobPlanner planner(GpuCapacity capacity) {
        return new JobPlanner(signals, new InMemoryPolicyStore(clock), clock, capacity, CarbonBudget.NONE, false);
    }

    @Test
    void plan_greenerZoneAllowed_runsThereAndSaysSo() {
        Plan plan = planner(GpuCapacity.unlimited()).plan(job("j", MIDNIGHT, at("04:00"), Duration.ofHours(1), "DE", "FR"));

        assertThat(plan.zone()).isEqualTo("FR");
        assertThat(plan.decision()).isEqualTo(Decision.RUN_NOW);
        assertThat(plan.reason()).isEqualTo("run now in FR: forecast 60 g/kWh vs 400 now in DE, expected saving 85%");
    }

    @Test
    void plan_greenerZoneFull_capacityForcesTheJobElsewhere() {
        GpuCapacity capacity = new GpuCapacity(Map.of("FR", 8, "DE", 8), Duration.ofHours(1));
        capacity.reserve("FR", 8, MIDNIGHT, at("04:00"));

        Plan plan = planner(capacity).plan(gpuJob("j", MIDNIGHT, at("04:00"), Duration.ofHours(2), 4, "DE", "FR"));

        assertThat(plan.zone()).isEqualTo("DE");
        assertThat(plan.start()).isEqualTo(at("01:00"));
    }

    @Test
    void plan_capacityFullUntilAfterTheDeadline_saysWhichJobCannotFitAndWhy() {
        GpuCapacity capacity = new GpuCapacity(Map.of("DE", 8), Duration.ofHours(1));
        capacity.reserve("DE", 6, MIDNIGHT, at("03:00"));

        Plan plan = planner(capacity).plan(gpuJob("j", MIDNIGHT, at("02:00"), Duration.ofHours(1), 4, "DE"));

        assertThat(plan.reason()).isEqualTo("cannot meet deadline 02:00 UTC: no allowed zone (DE) has 4 free GPUs "
                + "for a 1h run before it; starts at 03:00 UTC in DE, the earliest the GPUs are free");
        assertThat(plan.start()).isEqualTo(at("03:00"));
    }

    @Test
    void plan_moreGpusThanAnyZoneHas_cannotRun() {
        GpuCapacity capacity = new GpuCapacity(Map.of("DE", 8, "FR", 16), Duration.ofHours(1));

        Plan plan = planner(capacity).plan(gpuJob("j", MIDNIGHT, at("04:00"), Duration.ofHours(1), 32, "DE", "FR"));

        assertThat(plan.reason()).isEqualTo("cannot run: job needs 32 GPUs but the largest allowed zone has 16");
    }

    /** What others are promised until a day past the 60 days the planner searches after the deadline (04:00). */
    private static final Instant LONG_PAST_DEADLINE = Instant.parse("2026-03-02T04:00:00Z").plus(Duration.ofDays(61));

    @Test
    void plan_jobSlotsFullLongPastTheDeadline_namesTheJobSlots_notGpus() {
        // 8 GPUs and one job slot, the slot promised: a 1-GPU job has GPUs enough but no slot.
        GpuCapacity capacity = new GpuCapacity(Map.of("DE", 8), Map.of("DE", 1), Duration.ofHours(1));
        capacity.reserve("DE", 0, MIDNIGHT, LONG_PAST_DEADLINE);

        Plan plan = planner(capacity).plan(gpuJob("j", MIDNIGHT, at("04:00"), Duration.ofHours(1), 1, "DE"));

        assertThat(plan.reason()).isEqualTo("cannot fit: the one job slot in DE is planned for more than 60 days "
                + "past the deadline 04:00 UTC; starts now, beyond capacity");
        assertThat(plan.start()).isEqualTo(MIDNIGHT);
    }

    @Test
    void plan_gpusFullLongPastTheDeadline_namesTheZonesGpus() {
        // 8 GPUs, 6 promised: a 4-GPU job fits the zone's size but not what is left of it.
        GpuCapacity capacity = new GpuCapacity(Map.of("DE", 8), Duration.ofHours(1));
        capacity.reserve("DE", 6, MIDNIGHT, LONG_PAST_DEADLINE);

        Plan plan = planner(capacity).plan(gpuJob("j", MIDNIGHT, at("04:00"), Duration.ofHours(1), 4, "DE"));

        assertThat(plan.reason()).isEqualTo("cannot fit: the 8 GPUs in DE are planned for more than 60 days past "
                + "the deadline 04:00 UTC; starts now, beyond capacity");
    }

    @Test
    void plan_eachNodesGpusFullLongPastTheDeadline_namesEachNodesGpus() {
        // Two nodes of 2 GPUs, one promised on each: 2 GPUs free in the zone, but no node has 2.
        GpuCapacity capacity = GpuCapacity.ofLiveNodes(Map.of("DE", java.util.List.of(
                new GpuCapacity.NodeOffer("a", 2, 2), new GpuCapacity.NodeOffer("b", 2, 2))), Duration.ofHours(1));
        capacity.reserveOn("DE", "a", 1, MIDNIGHT, LONG_PAST_DEADLINE);
        capacity.reserveOn("DE", "b", 1, MIDNIGHT, LONG_PAST_DEADLINE);

        Plan plan = planner(capacity).plan(gpuJob("j", MIDNIGHT, at("04:00"), Duration.ofHours(1), 2, "DE"));

        assertThat(plan.reason()).isEqualTo("cannot fit: each node's GPUs in DE are planned for more than 60 days "
                + "past the deadline 04:00 UTC; starts now, beyond capacity");
    }

    @Test
    void replan_manyJobsOneSmallZone_neverExceedsCapacityAndPlacesHigherPriorityFirst() {
        GpuCapacity capacity = new GpuCapacity(Map.of("FR", 8), Duration.ofHours(1));
        var low = new PlanRequest("low", "t", MIDNIGHT, at("04:00"), Duration.ofHours(2), java.util.List.of("FR"), 8, false, 0, false);
        var high = new PlanRequest("high", "t", MIDNIGHT, at("04:00"), Duration.ofHours(2), java.util.List.of("FR"), 8, false, 5, false);

        var plans = planner(capacity).replan(java.util.List.of(low, high), Map.of());

        assertThat(plans.get(1).start()).isEqualTo(MIDNIGHT);
        assertThat(plans.get(0).start()).isEqualTo(at("02:00"));
        assertThat(plans.get(0).end()).isBeforeOrEqualTo(at("04:00"));
    }

    @Test
    void replan_infeasibleSet_theLowerPriorityJobIsTheOneThatCannotFit() {
        GpuCapacity capacity = new GpuCapacity(Map.of("FR", 8), Duration.ofHours(1));
        var a = new PlanRequest("a", "t", MIDNIGHT, at("03:00"), Duration.ofHours(2), java.util.List.of("FR"), 8, false, 1, false);
        var b = new PlanRequest("b", "t", MIDNIGHT, at("03:00"), Duration.ofHours(2), java.util.List.of("FR"), 8, false, 0, false);

        var plans = planner(capacity).replan(java.util.List.of(a, b), Map.of());

        assertThat(plans.get(0).reason()).doesNotStartWith("cannot");
        assertThat(plans.get(1).reason()).startsWith("cannot meet deadline 03:00 UTC: no allowed zone (FR) has 8 free GPUs");
    }

    @Test
    void replan_greenestFirstWouldStarveATightLowPriorityJob_reordersSoBothMeetTheirDeadlines() {
        FixedSignals valley = new FixedSignals().with(hourly("FR", 300, 100, 300, 300));
        JobPlanner planner = new JobPlanner(valley, new InMemoryPolicyStore(clock), clock,
                new GpuCapacity(Map.of("FR", 8), Duration.ofHours(1)), CarbonBudget.NONE, false);
        // The important job may wait until 04:00 and would take the 100 slot at 01:00; the other must run 00:00-02:00.
        var important = new PlanRequest("important", "t", MIDNIGHT, at("04:00"), Duration.ofHours(1), java.util.List.of("FR"), 8, false, 5, false);
        var tight = new PlanRequest("tight", "t", MIDNIGHT, at("02:00"), Duration.ofHours(2), java.util.List.of("FR"), 8, false, 0, false);

        var plans = planner.replan(java.util.List.of(important, tight), Map.of());

        assertThat(plans.get(1).start()).isEqualTo(MIDNIGHT);
        assertThat(plans.get(1).end()).isEqualTo(at("02:00"));
        assertThat(plans.get(0).start()).isAfterOrEqualTo(at("02:00"));
        assertThat(plans.get(0).end()).isBeforeOrEqualTo(at("04:00"));
    }
}
