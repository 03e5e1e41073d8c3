package io.greenwindow.plan.sim;

import io.greenwindow.grid.EmissionScope;
import io.greenwindow.plan.CarbonBudget;
import io.greenwindow.plan.GpuCapacity;
import io.greenwindow.plan.JobPlanner;
import io.greenwindow.plan.Plan;
import io.greenwindow.plan.PlanRequest;
import io.greenwindow.policy.InMemoryPolicyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How long {@link JobPlanner#replan} takes for many held jobs: forecasts at 5-minute steps made from real hourly
 * traces (linear interpolation between the hourly values, so the finer grid is synthetic), jobs of 10 min to
 * 12 h due within the horizon, a quarter of them interruptible, each allowed in every zone.
 */
public final class PlannerSpeed {

    private static final long STEP = 300;

    private PlannerSpeed() {
    }

    /** Warm-up re-plans before timing: the first few run before the JIT has compiled the search loops. */
    public static final int WARMUPS = 3;

    /** Median seconds of {@code runs} re-plans (after {@link #WARMUPS} warm-ups) of {@code jobs} jobs over {@code hours}. */
    public static double medianReplanSeconds(List<Trace> hourly, Instant now, int jobs, int hours, int runs, long seed) {
        Map<String, Trace> fine = new LinkedHashMap<>();
        for (Trace t : hourly) {
            fine.put(t.zone(), fiveMinute(t, now.getEpochSecond(), hours + 1));
        }
        List<String> zones = List.copyOf(fine.keySet());
        VirtualClock clock = new VirtualClock(now);
        JobPlanner planner = new JobPlanner(new TraceSignals(fine, fine, EmissionScope.LIFECYCLE),
                new InMemoryPolicyStore(clock), clock, GpuCapacity.unlimited(), CarbonBudget.NONE, true);
        Random random = new Random(seed);
        List<PlanRequest> held = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            long d = 600 + random.nextInt(12 * 3600 - 600);
            d = Math.min(d, hours * 3600L / 2);
            long slack = (long) (random.nextDouble() * (hours * 3600L - d));
            held.add(new PlanRequest("j" + i, "t", now, now.plusSeconds(d + slack), Duration.ofSeconds(d), zones, 1,
                    random.nextInt(4) == 0, random.nextInt(3), false));
        }
        Map<String, Plan> current = new HashMap<>();
        for (Plan p : planner.replan(held, Map.of())) {
            current.put(p.jobId(), p);
        }
        for (int w = 0; w < WARMUPS; w++) {
            planner.replan(held, current);
        }
        double[] seconds = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            planner.replan(held, current);
            seconds[r] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(seconds);
        return seconds[runs / 2];
    }

    private static Trace fiveMinute(Trace t, long from, int hours) {
        int n = (int) (hours * 3600L / STEP);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double pos = (from + i * STEP - t.start()) / (double) t.step();
            int k = (int) Math.floor(pos);
            double a = t.values()[Math.min(k, t.values().length - 1)];
            double b = t.values()[Math.min(k + 1, t.values().length - 1)];
            v[i] = a + (b - a) * (pos - k);
        }
        return new Trace(t.zone(), t.source() + ", interpolated to 5 min", from, STEP, v, n);
    }
}
