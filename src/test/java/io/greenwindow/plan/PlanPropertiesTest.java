package io.greenwindow.plan;

import static io.greenwindow.plan.Fixtures.MIDNIGHT;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.grid.SettableClock;
import io.greenwindow.plan.Fixtures.FixedSignals;
import io.greenwindow.policy.InMemoryPolicyStore;
import io.greenwindow.policy.PolicyRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Invariants over many seeded random forecasts and job sets. */
class PlanPropertiesTest {


    @Test
    void plans_randomJobs_stayInsideSubmitAndDeadlineWithRunTimeEqualToDurationPlusOverheads() {
        Random random = new Random(42);
        for (int round = 0; round < 400; round++) {
            SettableClock clock = new SettableClock(MIDNIGHT.plusSeconds(random.nextInt(3600)));
            FixedSignals signals = new FixedSignals()
                    .with(Fixtures.signal("A", MIDNIGHT, Duration.ofMinutes(30), randomValues(random, 120)))
                    .with(Fixtures.signal("B", MIDNIGHT, Duration.ofMinutes(30), randomValues(random, 120)));
            InMemoryPolicyStore policies = new InMemoryPolicyStore(clock);
            Duration overhead = Duration.ofMinutes(random.nextBoolean() ? 0 : 7);
            Duration minSegment = Duration.ofMinutes(random.nextBoolean() ? 0 : 20);
            policies.publish("default", PolicyRules.DEFAULT.withInterruption(overhead, minSegment, 1 + random.nextInt(6)));
            JobPlanner planner = new JobPlanner(signals, policies, clock, GpuCapacity.unlimited(), CarbonBudget.NONE, random.nextBoolean());
            Instant now = clock.instant();
            Duration d = Duration.ofMinutes(10 + random.nextInt(600));
            Instant deadline = now.plus(d).plus(Duration.ofMinutes(random.nextInt(1500)));
            PlanRequest r = new PlanRequest("j" + round, "t", now, deadline, d,
                    random.nextBoolean() ? List.of("A") : List.of("A", "B"), 0, random.nextBoolean(), 0, false);

            Plan plan = planner.plan(r);

            assertThat(plan.start()).as(plan.reason()).isAfterOrEqualTo(now);
            assertThat(plan.end()).as(plan.reason()).isBeforeOrEqualTo(deadline);
            assertThat(plan.runTime()).as(plan.reason()).isEqualTo(d.plus(overhead.multipliedBy(plan.pauses())));
            assertThat(plan.pauses()).isLessThanOrEqualTo(6);
            if (plan.pauses() > 0) {
                plan.segments().forEach(s -> assertThat(s.length()).isGreaterThanOrEqualTo(minSegment).isPositive());
            }
            assertThat(plan.expectedSavingFraction()).as(plan.reason()).isGreaterThanOrEqualTo(-1e-9);
        }
    }

    @Test
    void replan_randomGpuJobs_neverExceedCapacityAtAnyMoment() {
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            SettableClock clock = new SettableClock(MIDNIGHT);
            FixedSignals signals = new FixedSignals()
                    .with(Fixtures.signal("A", MIDNIGHT, Duration.ofHours(1), randomValues(random, 96)))
                    .with(Fixtures.signal("B", MIDNIGHT, Duration.ofHours(1), randomValues(random, 96)));
            GpuCapacity capacity = new GpuCapacity(Map.of("A", 16, "B", 8), Duration.ofHours(1));
            JobPlanner planner = new JobPlanner(signals, new InMemoryPolicyStore(clock), clock, capacity, CarbonBudget.NONE, true);
            List<PlanRequest> jobs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Duration d = Duration.ofMinutes(30 + random.nextInt(300));
                jobs.add(new PlanRequest("j" + i, "t", MIDNIGHT, MIDNIGHT.plus(d).plus(Duration.ofHours(random.nextInt(48))), d,
                        List.of("A", "B"), 1 + random.nextInt(8), random.nextBoolean(), random.nextInt(3), false));
            }

            List<Plan> plans = planner.replan(jobs, Map.of());

            int[][] minuteUse = new int[2][96 * 60 + 60 * 24 * 70];
            for (int i = 0; i < plans.size(); i++) {
                for (PlannedSegment s : plans.get(i).segments()) {
                    int zone = s.zone().equals("A") ? 0 : 1;
                    for (long m = (s.start().getEpochSecond() - MIDNIGHT.getEpochSecond()) / 60;
                            m * 60 < s.end().getEpochSecond() - MIDNIGHT.getEpochSecond(); m++) {
                        minuteUse[zone][(int) m] += jobs.get(i).gpus();
                    }
                }
            }
            assertThat(java.util.Arrays.stream(minuteUse[0]).max().orElseThrow()).isLessThanOrEqualTo(16);
            assertThat(java.util.Arrays.stream(minuteUse[1]).max().orElseThrow()).isLessThanOrEqualTo(8);
        }
    }

    @Test
    void replan_randomQueuesSubmittedAtDifferentTimes_sameOutcomeWhateverTheOrderGivenAndWithinCapacity() {
        Random random = new Random(12);
        for (int round = 0; round < 30; round++) {
            SettableClock clock = new SettableClock(MIDNIGHT);
            FixedSignals signals = new FixedSignals()
                    .with(Fixtures.signal("A", MIDNIGHT, Duration.ofHours(1), randomValues(random, 72)));
            GpuCapacity capacity = new GpuCapacity(Map.of("A", 8), Duration.ofHours(1));
            JobPlanner planner = new JobPlanner(signals, new InMemoryPolicyStore(clock), clock, capacity, CarbonBudget.NONE, true);
            List<PlanRequest> jobs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Duration d = Duration.ofMinutes(30 + random.nextInt(240));
                jobs.add(new PlanRequest("j" + i, "t", MIDNIGHT.minus(Duration.ofMinutes(random.nextInt(600))),
                        MIDNIGHT.plus(d).plus(Duration.ofHours(2 + random.nextInt(30))), d, List.of("A"),
                        1 + random.nextInt(8), random.nextBoolean(), random.nextInt(2), false));
            }
            List<PlanRequest> shuffled = new ArrayList<>(jobs);
            java.util.Collections.shuffle(shuffled, random);

            List<Plan> plans = planner.replan(jobs, Map.of());
            List<Plan> again = planner.replan(shuffled, Map.of());

            Map<String, Plan> byId = new java.util.HashMap<>();
            again.forEach(p -> byId.put(p.jobId(), p));
            int[] minuteUse = new int[60 * 24 * 100];
            for (int i = 0; i < plans.size(); i++) {
                assertThat(plans.get(i).segments()).as("round %d job %s", round, jobs.get(i).jobId())
                        .isEqualTo(byId.get(jobs.get(i).jobId()).segments());
                for (PlannedSegment s : plans.get(i).segments()) {
                    for (long m = (s.start().getEpochSecond() - MIDNIGHT.getEpochSecond()) / 60;
                            m * 60 < s.end().getEpochSecond() - MIDNIGHT.getEpochSecond(); m++) {
                        minuteUse[(int) m] += jobs.get(i).gpus();
                    }
                }
            }
            assertThat(java.util.Arrays.stream(minuteUse).max().orElseThrow()).as("round %d", round).isLessThanOrEqualTo(8);
        }
    }

    private static double[] randomValues(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 50 + random.nextInt(400);
        }
        return v;
    }
}
