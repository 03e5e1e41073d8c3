package io.greenwindow.plan;

import static io.greenwindow.plan.Fixtures.MIDNIGHT;
import static io.greenwindow.plan.Fixtures.at;
import static io.greenwindow.plan.Fixtures.gpuJob;
import static io.greenwindow.plan.Fixtures.hourly;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.grid.SettableClock;
import io.greenwindow.plan.Fixtures.FixedSignals;
import io.greenwindow.plan.GpuCapacity.NodeOffer;
import io.greenwindow.policy.InMemoryPolicyStore;
import io.greenwindow.reason.FullCapacity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A zone's capacity node by node: a job needs one node with its job slot and all its GPUs free for its whole run,
 * not only room in the zone's sums.
 */
class NodeFitCapacityTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final long S0 = T0.getEpochSecond();
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static GpuCapacity de(NodeOffer... nodes) {
        return GpuCapacity.ofLiveNodes(Map.of("DE", List.of(nodes)), MINUTE);
    }

    @Test
    void twoNodesOfOneGpu_aTwoGpuJobNeverFits_thoughTheZoneHasTwo() {
        GpuCapacity c = de(new NodeOffer("a", 2, 1), new NodeOffer("b", 2, 1));

        assertThat(c.limit("DE")).as("the zone's sum").isEqualTo(2);
        assertThat(c.fits("DE", 2, S0, S0 + 600)).isFalse();
        assertThat(c.fits("DE", 1, S0, S0 + 600)).isTrue();
        assertThat(c.earliestFit("DE", 2, S0, 600, S0 + 86400)).isEqualTo(-1);
        assertThat(c.mostGpusForOneJob("DE")).isEqualTo(1);
        assertThat(c.mostGpusForOneJob(List.of("DE"))).isEqualTo(1);
        assertThat(c.knowsNodes(List.of("DE"))).isTrue();
    }

    @Test
    void oneGpuUsedOnEachOfTwoNodes_aTwoGpuJobWaitsForANodeToEmpty() {
        GpuCapacity c = de(new NodeOffer("a", 2, 2), new NodeOffer("b", 2, 2));
        c.reserveOn("DE", "a", 1, T0, T0.plusSeconds(1800)); // a: 1 GPU used until 00:30
        c.reserveOn("DE", "b", 1, T0, T0.plusSeconds(3600)); // b: 1 GPU used until 01:00

        // The zone has 2 of 4 GPUs free now, but no node has 2: a must empty first, at 00:30.
        assertThat(c.fits("DE", 2, S0, S0 + 600)).isFalse();
        assertThat(c.whatIsFull("DE", 2, S0)).isEqualTo(FullCapacity.eachNodesGpus(2));
        assertThat(c.earliestFit("DE", 2, S0, 600, S0 + 86400)).isEqualTo(S0 + 1800);
        assertThat(c.fits("DE", 1, S0, S0 + 600)).isTrue();
    }

    @Test
    void unnamedPromise_goesToTheSmallestNodeThatFits_leavingTheLargeOneWhole() {
        GpuCapacity c = de(new NodeOffer("big", 1, 2), new NodeOffer("small", 1, 1));
        c.reserve("DE", 1, T0, T0.plusSeconds(3600));

        assertThat(c.fits("DE", 2, S0, S0 + 3600)).as("the 1-GPU job went to the 1-GPU node").isTrue();
        c.reserve("DE", 2, T0, T0.plusSeconds(3600));
        assertThat(c.fits("DE", 0, S0, S0 + 60)).as("both nodes' one slot taken").isFalse();
    }

    @Test
    void aJobRunsOnOneNode_windowsAcrossTwoNodesFreeInTurnDoNotFit() {
        GpuCapacity c = de(new NodeOffer("a", 1, 1), new NodeOffer("b", 1, 1));
        c.reserveOn("DE", "a", 1, T0, T0.plusSeconds(600)); // a busy 00:00-00:10
        c.reserveOn("DE", "b", 1, T0.plusSeconds(600), T0.plusSeconds(1200)); // b busy 00:10-00:20

        // Some node is free in every minute of 00:00-00:20, but none throughout.
        assertThat(c.fits("DE", 1, S0, S0 + 1200)).isFalse();
        assertThat(c.earliestFit("DE", 1, S0, 1200, S0 + 86400)).as("a is free from 00:10").isEqualTo(S0 + 600);
    }

    @Test
    void jobsWithoutGpus_needOnlyAFreeSlotInTheZone_asTheSumsSay() {
        GpuCapacity c = de(new NodeOffer("a", 1, 0), new NodeOffer("b", 1, 0));
        c.reserveOn("DE", "a", 0, T0, T0.plusSeconds(600));
        c.reserveOn("DE", "b", 0, T0.plusSeconds(600), T0.plusSeconds(1200));

        // One slot is free in every minute: the job starts on b and, when b's own job comes, that one takes a.
        assertThat(c.fits("DE", 0, S0, S0 + 1200)).isTrue();
        c.reserve("DE", 0, T0, T0.plusSeconds(1200));
        assertThat(c.fits("DE", 0, S0 + 300, S0 + 360)).isFalse();
    }

    @Test
    void planner_twoGpuJob_goesToTheZoneWithANodeOfTwoGpus_evenWhenGreenerZonesSumMore() {
        SettableClock clock = new SettableClock(MIDNIGHT);
        FixedSignals signals = new FixedSignals().with(hourly("DE", 100, 100, 100, 100))
                .with(hourly("FR", 400, 400, 400, 400));
        GpuCapacity capacity = GpuCapacity.ofLiveNodes(Map.of(
                "DE", List.of(new NodeOffer("de-1", 1, 1), new NodeOffer("de-2", 1, 1), new NodeOffer("de-3", 1, 1)),
                "FR", List.of(new NodeOffer("fr-1", 1, 2))), MINUTE);
        JobPlanner planner = new JobPlanner(signals, new InMemoryPolicyStore(clock), clock, capacity,
                CarbonBudget.NONE, false);

        Plan plan = planner.plan(gpuJob("j", MIDNIGHT, at("04:00"), Duration.ofHours(1), 2, "DE", "FR"));
        assertThat(plan.zone()).as(plan.reason()).isEqualTo("FR");

        Plan tooBig = planner.plan(gpuJob("k", MIDNIGHT, at("04:00"), Duration.ofHours(1), 3, "DE", "FR"));
        assertThat(tooBig.reason()).isEqualTo("cannot run: job needs 3 GPUs but the largest node of the allowed "
                + "zones has 2");
    }

    /**
     * Seeded random nodes and promises on named nodes, against a brute force written here: a job with GPUs fits
     * when some node has, in every minute of the run, a free slot and the GPUs; one without, when the zone has a
     * free slot in every minute (shares no code with {@link NodeLoad}).
     */
    @Test
    void fits_matchesBruteForceOverRandomNodesAndPromises() {
        Random random = new Random(11);
        for (int round = 0; round < 300; round++) {
            int n = 1 + random.nextInt(3);
            List<NodeOffer> nodes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                nodes.add(new NodeOffer("n" + i, 1 + random.nextInt(2), 1 + random.nextInt(3)));
            }
            GpuCapacity c = GpuCapacity.ofLiveNodes(Map.of("DE", nodes), MINUTE);
            int[][] slots = new int[n][20];
            int[][] gpus = new int[n][20];
            for (int k = 0; k < 4; k++) {
                int node = random.nextInt(n);
                int from = random.nextInt(20);
                int to = from + 1 + random.nextInt(20 - from);
                int g = random.nextInt(nodes.get(node).gpus() + 1);
                boolean free = true;
                for (int m = from; m < to; m++) {
                    free &= slots[node][m] < nodes.get(node).slots() && gpus[node][m] + g <= nodes.get(node).gpus();
                }
                if (!free) {
                    continue; // promises on a node never exceed it, as for running jobs
                }
                for (int m = from; m < to; m++) {
                    slots[node][m]++;
                    gpus[node][m] += g;
                }
                c.reserveOn("DE", "n" + node, g, T0.plusSeconds(60L * from), T0.plusSeconds(60L * to));
            }
            int g = random.nextInt(4);
            int from = random.nextInt(20);
            int to = from + 1 + random.nextInt(20 - from);
            boolean expected = false;
            for (int i = 0; i < n; i++) {
                boolean all = nodes.get(i).gpus() >= g;
                for (int m = from; m < to; m++) {
                    all &= slots[i][m] < nodes.get(i).slots() && gpus[i][m] + g <= nodes.get(i).gpus();
                }
                expected |= all;
            }
            if (g == 0) {
                // Without GPUs only a job slot counts, and a zone's slots are interchangeable: a job fits when in
                // every minute fewer jobs run than the zone has slots (greedy assignment by start never fails then).
                int total = nodes.stream().mapToInt(NodeOffer::slots).sum();
                expected = true;
                for (int m = from; m < to; m++) {
                    int busy = 0;
                    for (int i = 0; i < n; i++) {
                        busy += slots[i][m];
                    }
                    expected &= busy < total;
                }
            }
            assertThat(c.fits("DE", g, S0 + 60L * from, S0 + 60L * to))
                    .as("round %d: %s, %d GPUs over minutes %d-%d", round, nodes, g, from, to).isEqualTo(expected);
        }
    }
}
