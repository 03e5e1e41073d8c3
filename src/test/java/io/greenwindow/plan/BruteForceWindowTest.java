package io.greenwindow.plan;

import static io.greenwindow.plan.Fixtures.MIDNIGHT;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.grid.SettableClock;
import io.greenwindow.plan.Fixtures.FixedSignals;
import io.greenwindow.policy.InMemoryPolicyStore;
import io.greenwindow.policy.PolicyRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The planner against brute force on hundreds of seeded random step-wise forecasts. The brute force shares no code
 * with the planner: it reads the forecast values from its own array and integrates minute by minute. Every time
 * in these cases (the forecast's start and step, now, the deadline, durations, overheads) is a whole number of
 * minutes, so the intensity is constant within each minute and a plan's emissions are the sum over its minutes;
 * and the best contiguous start over all seconds is among the whole minutes (the window's integral is linear in
 * its start between the points where the start or the end crosses a boundary, and those are whole minutes).
 */
class BruteForceWindowTest {

    private static final long MINUTE = 60;

    /** One random case: a forecast as plain numbers, and one job. All times in minutes after MIDNIGHT. */
    private record Case(int stepMinutes, double[] values, int now, int deadline, int duration) {
        int curveEnd() {
            return stepMinutes * values.length;
        }

        /** The intensity in minute {@code m}: found by walking the slots, not by the planner's index arithmetic. */
        double minute(int m) {
            int slotEnd = 0;
            for (double v : values) {
                slotEnd += stepMinutes;
                if (m < slotEnd) {
                    return v;
                }
            }
            throw new IllegalArgumentException("minute " + m + " is past the forecast");
        }

        /** Emissions of [from, to) in (g/kWh)·s, minute by minute. */
        double cost(int from, int to) {
            double sum = 0;
            for (int m = from; m < to; m++) {
                sum += minute(m) * MINUTE;
            }
            return sum;
        }

        int limit() {
            return Math.min(deadline, curveEnd());
        }

        @Override
        public String toString() {
            return "step " + stepMinutes + " min " + java.util.Arrays.toString(values) + ", now " + now + ", deadline "
                    + deadline + ", duration " + duration + " (minutes)";
        }
    }

    private static Case randomCase(Random random) {
        int step = List.of(5, 15, 30, 60).get(random.nextInt(4));
        int slots = 6 + random.nextInt(30);
        double[] values = new double[slots];
        boolean coarse = random.nextBoolean(); // few distinct values, so that ties happen
        for (int i = 0; i < slots; i++) {
            values[i] = coarse ? 100 * (1 + random.nextInt(4)) : 50 + random.nextInt(4000) / 10.0;
        }
        int end = step * slots;
        int now = random.nextInt(Math.max(1, end / 3));
        int duration = 1 + random.nextInt(Math.max(1, (end - now) / 2));
        // Deadlines on and off the grid, some beyond the forecast's end.
        int deadline = now + duration + random.nextInt(end - now - duration + step + 1);
        return new Case(step, values, now, deadline, duration);
    }

    private static JobPlanner planner(Case c, SettableClock clock, PolicyRules rules) {
        FixedSignals signals = new FixedSignals().with(Fixtures.signal("A", MIDNIGHT, Duration.ofMinutes(c.stepMinutes()), c.values()));
        InMemoryPolicyStore policies = new InMemoryPolicyStore(clock);
        policies.publish("default", rules);
        return new JobPlanner(signals, policies, clock, GpuCapacity.unlimited(), CarbonBudget.NONE, true);
    }

    private static Instant minutes(int m) {
        return MIDNIGHT.plusSeconds(m * MINUTE);
    }

    private static double planCost(Case c, Plan plan) {
        double sum = 0;
        for (PlannedSegment s : plan.segments()) {
            long from = s.start().getEpochSecond() - MIDNIGHT.getEpochSecond();
            long to = s.end().getEpochSecond() - MIDNIGHT.getEpochSecond();
            assertThat(from % MINUTE).as("segment start on a whole minute").isZero();
            assertThat(to % MINUTE).as("segment end on a whole minute").isZero();
            sum += c.cost((int) (from / MINUTE), (int) (to / MINUTE));
        }
        return sum;
    }

    /** Every start on the minute grid from now to the latest start inside the forecast. */
    private static double bruteContiguous(Case c) {
        double best = Double.POSITIVE_INFINITY;
        for (int s = c.now(); s + c.duration() <= c.limit(); s++) {
            best = Math.min(best, c.cost(s, s + c.duration()));
        }
        return best;
    }

    @Test
    void contiguous_randomStepForecasts_matchBruteForceOverEveryMinute() {
        Random random = new Random(20261202);
        int offGridWins = 0;
        for (int round = 0; round < 600; round++) {
            Case c = randomCase(random);
            SettableClock clock = new SettableClock(minutes(c.now()));
            PlanRequest r = Fixtures.job("j" + round, minutes(c.now()), minutes(c.deadline()), Duration.ofMinutes(c.duration()), "A");

            Plan plan = planner(c, clock, PolicyRules.DEFAULT).plan(r);

            double brute = bruteContiguous(c);
            assertThat(plan.segments()).as("case %s: %s", c, plan.reason()).hasSize(1);
            assertThat(plan.end()).isBeforeOrEqualTo(minutes(c.deadline()));
            assertThat(planCost(c, plan)).as("round %d %s: %s", round, c, plan.reason())
                    .isCloseTo(brute, org.assertj.core.data.Offset.offset(1e-6 * brute));
            long startMinute = (plan.start().getEpochSecond() - MIDNIGHT.getEpochSecond()) / MINUTE;
            if (startMinute % c.stepMinutes() != 0 && startMinute != c.now()) {
                offGridWins++;
            }
        }
        // The cases must exercise the off-grid candidates (end on a boundary, or the latest start), not only the grid.
        assertThat(offGridWins).isGreaterThan(30);
    }

    @Test
    void contiguous_deadlineOffTheGrid_latestStartIsACandidate() {
        // GIVEN hourly 300, 300, 100, 200 and a 90-minute job due at 03:20 (off the grid). By hand, in g·min/kWh:
        // the latest start 01:50 covers 10 min of 300 + 60 of 100 + 20 of 200 = 3000 + 6000 + 4000 = 13000;
        // 01:30 (ends on a boundary) gives 30·300 + 60·100 = 15000; 01:00 (on the grid) 60·300 + 30·100 = 21000;
        // 02:00 would end at 03:30, after the deadline. Only the latest start reaches 13000.
        Case c = new Case(60, new double[] {300, 300, 100, 200}, 0, 200, 90);
        SettableClock clock = new SettableClock(MIDNIGHT);
        Plan plan = planner(c, clock, PolicyRules.DEFAULT).plan(Fixtures.job("late", MIDNIGHT, minutes(200), Duration.ofMinutes(90), "A"));

        assertThat(plan.start()).isEqualTo(minutes(110));
        assertThat(planCost(c, plan)).isEqualTo(13000 * MINUTE);
        assertThat(bruteContiguous(c)).isEqualTo(13000 * MINUTE);
    }

    /**
     * The least emissions of any run time of {@code duration} minutes inside [now, limit), pieces taken whole or
     * one of them in part: every subset of whole pieces, completed by the cheapest single piece that can hold the
     * rest. (A linear programme with one equality constraint has an optimal vertex with at most one fractional
     * variable, so this enumeration covers an optimum.)
     */
    private static double bruteInterruptible(Case c) {
        int[][] pieces = pieces(c);
        int n = pieces.length;
        double[] pieceCost = new double[n];
        for (int i = 0; i < n; i++) {
            pieceCost[i] = c.cost(pieces[i][0], pieces[i][1]);
        }
        double best = Double.POSITIVE_INFINITY;
        for (int mask = 0; mask < 1 << n; mask++) {
            int length = 0;
            double cost = 0;
            for (int i = 0; i < n; i++) {
                if ((mask & 1 << i) != 0) {
                    length += pieces[i][1] - pieces[i][0];
                    cost += pieceCost[i];
                }
            }
            int rest = c.duration() - length;
            if (rest < 0) {
                continue;
            }
            if (rest == 0) {
                best = Math.min(best, cost);
                continue;
            }
            for (int i = 0; i < n; i++) {
                if ((mask & 1 << i) == 0 && pieces[i][1] - pieces[i][0] >= rest) {
                    best = Math.min(best, cost + c.cost(pieces[i][0], pieces[i][0] + rest));
                }
            }
        }
        return best;
    }

    /** The forecast's slots cut to [now, limit), as [from, to) minutes. */
    private static int[][] pieces(Case c) {
        java.util.ArrayList<int[]> out = new java.util.ArrayList<>();
        for (int k = 0; k < c.values().length; k++) {
            int from = Math.max(c.now(), k * c.stepMinutes());
            int to = Math.min(c.limit(), (k + 1) * c.stepMinutes());
            if (to > from) {
                out.add(new int[] {from, to});
            }
        }
        return out.toArray(new int[0][]);
    }

    private static Case smallCase(Random random) {
        Case c;
        do {
            c = randomCase(random);
        } while (pieces(c).length > 12);
        return c;
    }

    @Test
    void interruptible_freePauses_matchBruteForceOverSlotSubsets() {
        Random random = new Random(11);
        PolicyRules free = PolicyRules.DEFAULT.withInterruption(Duration.ZERO, Duration.ZERO, 1000);
        for (int round = 0; round < 400; round++) {
            Case c = smallCase(random);
            SettableClock clock = new SettableClock(minutes(c.now()));
            PlanRequest r = Fixtures.interruptible("i" + round, minutes(c.now()), minutes(c.deadline()),
                    Duration.ofMinutes(c.duration()), "A");

            Plan plan = planner(c, clock, free).plan(r);

            double brute = bruteInterruptible(c);
            assertThat(plan.runTime()).isEqualTo(Duration.ofMinutes(c.duration()));
            assertThat(plan.end()).isBeforeOrEqualTo(minutes(c.deadline()));
            assertThat(planCost(c, plan)).as("round %d %s: %s", round, c, plan.reason())
                    .isCloseTo(brute, org.assertj.core.data.Offset.offset(1e-6 * brute));
        }
    }

    /**
     * With a resume overhead, a minimum segment and few pauses the planner repairs a greedy choice (no exact
     * search), so brute force gives bounds: never below the optimum with free pauses (nothing can beat it), never
     * above the best contiguous window (the planner keeps the better of the two), and every rule held.
     */
    @Test
    void interruptible_withPauseRules_liesBetweenTheFreeOptimumAndTheBestWindow() {
        Random random = new Random(12);
        for (int round = 0; round < 400; round++) {
            Case c = smallCase(random);
            int overhead = random.nextInt(3) * 5;
            int minSegment = random.nextInt(3) * 15;
            int maxPauses = 1 + random.nextInt(4);
            PolicyRules rules = PolicyRules.DEFAULT.withInterruption(Duration.ofMinutes(overhead),
                    Duration.ofMinutes(minSegment), maxPauses);
            SettableClock clock = new SettableClock(minutes(c.now()));
            PlanRequest r = Fixtures.interruptible("p" + round, minutes(c.now()), minutes(c.deadline()),
                    Duration.ofMinutes(c.duration()), "A");

            Plan plan = planner(c, clock, rules).plan(r);

            double cost = planCost(c, plan);
            String why = "round " + round + " " + c + ": " + plan.reason();
            assertThat(plan.pauses()).as(why).isLessThanOrEqualTo(maxPauses);
            assertThat(plan.runTime()).as(why).isEqualTo(Duration.ofMinutes(c.duration() + (long) overhead * plan.pauses()));
            if (plan.pauses() > 0) {
                plan.segments().forEach(s -> assertThat(s.length()).as(why).isGreaterThanOrEqualTo(Duration.ofMinutes(minSegment)));
            }
            assertThat(plan.end()).as(why).isBeforeOrEqualTo(minutes(c.deadline()));
            assertThat(cost).as(why).isGreaterThanOrEqualTo(bruteInterruptible(c) * (1 - 1e-9));
            assertThat(cost).as(why).isLessThanOrEqualTo(bruteContiguous(c) * (1 + 1e-9));
        }
    }
}
