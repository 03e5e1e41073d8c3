package io.greenwindow.plan.sim;

import io.greenwindow.plan.IntensityCurve;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * A lower bound on the emissions of any schedule that meets every deadline within the GPU capacity: the
 * Lagrangian dual of the LP relaxation (jobs × intervals, a job's run time spread freely over the intervals of
 * [submit, deadline] in one zone, per-interval GPU-seconds within capacity). For prices λ ≥ 0 on each interval's
 * capacity, L(λ) = Σ_jobs min(Σ (w·c + g·λ)·x) − Σ λ·C·Δt is a lower bound on that LP by weak duality, whatever
 * λ is; subgradient steps only raise it towards the LP optimum. We report the best L found, so the number is
 * provably a lower bound even when the iterations stop early. Each job is placed in one zone in the inner
 * minimum (tighter than the LP, where a job could split across zones); the bound then holds for every schedule
 * that meets the deadlines within capacity with each job in one zone, which is every schedule a planner can make:
 * for such a schedule x, cost(x) ≥ cost(x) + Σ λ·(use − C·Δt) ≥ L(λ). The bound is only meaningful when such a
 * schedule exists: we check that running every job at once fits the capacity, and report no bound otherwise.
 */
final class CapacityBound {

    /**
     * Subgradient steps, and how many steps without a better L halve the step size. Measured on the ITP trace in
     * four zones under capacity (December 2026): 40 steps halving after 4 stopped at 13,627 kg; 150 halving after
     * 10 reach 13,663 kg and 300 halving after 4 reach 13,664 kg; every one of them is a valid bound, the later ones
     * are closer to the LP optimum, so the planner is no longer measured against a bound left loose by stopping early.
     */
    private static final int ITERATIONS = 150;
    private static final int PATIENCE = 10;

    private final Map<String, IntensityCurve> curves;
    private final Map<String, Integer> capacity;
    private final long step;
    private String note = "";

    CapacityBound(Map<String, IntensityCurve> curves, Map<String, Integer> capacity, long step) {
        this.curves = new LinkedHashMap<>(curves);
        this.capacity = capacity;
        this.step = step;
    }

    String note() {
        return note;
    }

    Double lowerBoundKg(List<SimJob> jobs, ToLongFunction<SimJob> submit, ToLongFunction<SimJob> deadline,
            Predicate<SimJob> interruptibleUnused, double kw, double upperKg) {
        List<String> zones = new ArrayList<>(curves.keySet());
        String home = zones.get(0);
        if (!runAtOnceFits(jobs, submit, home)) {
            note = "LP bound not computed: running every job at once exceeds the capacity of " + home
                    + ", so the LP may be infeasible (raise --capacity to at least the peak demand)";
            return null;
        }
        double toKg = kw / 3600 / 1000;
        double upper = upperKg / toKg;
        Map<String, double[]> lambda = new LinkedHashMap<>();
        for (String z : zones) {
            if (capacity.containsKey(z)) {
                lambda.put(z, new double[curves.get(z).size()]);
            }
        }
        double best = Double.NEGATIVE_INFINITY;
        double theta = 1.0;
        int sinceBetter = 0;
        for (int it = 0; it < ITERATIONS; it++) {
            Map<String, double[]> usage = new LinkedHashMap<>();
            lambda.forEach((z, l) -> usage.put(z, new double[l.length]));
            double value = 0;
            for (SimJob j : jobs) {
                value += placeJob(j, submit.applyAsLong(j), deadline.applyAsLong(j), zones, lambda, usage);
            }
            double norm = 0;
            for (Map.Entry<String, double[]> e : lambda.entrySet()) {
                double cap = capacity.get(e.getKey()) * (double) step;
                double[] u = usage.get(e.getKey());
                for (int k = 0; k < u.length; k++) {
                    value -= e.getValue()[k] * cap;
                    double s = u[k] - cap;
                    u[k] = s; // reuse as the subgradient
                    if (s > 0 || e.getValue()[k] > 0) {
                        norm += s * s;
                    }
                }
            }
            if (value > best) {
                best = value;
                sinceBetter = 0;
            } else if (++sinceBetter >= PATIENCE) {
                theta /= 2;
                sinceBetter = 0;
            }
            if (norm == 0) {
                break; // the relaxed placement respects capacity with complementary prices: L is the LP optimum
            }
            double target = upper > best ? upper : best * 1.01 + 1;
            double alpha = theta * (target - value) / norm;
            for (Map.Entry<String, double[]> e : lambda.entrySet()) {
                double[] l = e.getValue();
                double[] s = usage.get(e.getKey());
                for (int k = 0; k < l.length; k++) {
                    l[k] = Math.max(0, l[k] + alpha * s[k]);
                }
            }
        }
        note = "LP relaxation lower bound (Lagrangian dual, best of " + ITERATIONS + " subgradient steps)";
        return best * toKg;
    }

    /** The job's cheapest fractional placement under prices λ; adds its GPU-seconds to {@code usage}. */
    private double placeJob(SimJob j, long from, long to, List<String> zones, Map<String, double[]> lambda,
            Map<String, double[]> usage) {
        int w = Simulator.weight(j);
        double bestValue = Double.POSITIVE_INFINITY;
        String bestZone = null;
        int[] bestSlots = null;
        long[] bestTake = null;
        for (String z : zones) {
            IntensityCurve c = curves.get(z);
            double[] l = lambda.get(z);
            int lo = Math.max(0, c.slotOf(from));
            int hi = Math.min(c.size(), c.slotOf(to - 1) + 1);
            Integer[] order = new Integer[Math.max(0, hi - lo)];
            double[] cost = new double[order.length];
            for (int k = lo; k < hi; k++) {
                order[k - lo] = k - lo;
                cost[k - lo] = w * c.value(k) + (l == null ? 0 : j.gpus() * l[k]);
            }
            Arrays.sort(order, (a, b) -> Double.compare(cost[a], cost[b]));
            long left = j.duration();
            double value = 0;
            int[] slots = new int[order.length];
            long[] take = new long[order.length];
            int n = 0;
            for (Integer i : order) {
                int k = i + lo;
                long overlap = Math.min(to, c.slotStart(k + 1)) - Math.max(from, c.slotStart(k));
                long x = Math.min(left, overlap);
                if (x <= 0) {
                    continue;
                }
                value += x * cost[i];
                slots[n] = k;
                take[n++] = x;
                left -= x;
                if (left == 0) {
                    break;
                }
            }
            if (left == 0 && value < bestValue) {
                bestValue = value;
                bestZone = z;
                bestSlots = Arrays.copyOf(slots, n);
                bestTake = Arrays.copyOf(take, n);
            }
        }
        if (bestZone == null) {
            return 0; // cannot happen for jobs the simulator kept (their window lies inside every trace)
        }
        double[] u = usage.get(bestZone);
        if (u != null && j.gpus() > 0) {
            for (int i = 0; i < bestSlots.length; i++) {
                u[bestSlots[i]] += (double) j.gpus() * bestTake[i];
            }
        }
        return bestValue;
    }

    private boolean runAtOnceFits(List<SimJob> jobs, ToLongFunction<SimJob> submit, String home) {
        Integer cap = capacity.get(home);
        if (cap == null) {
            return true;
        }
        List<long[]> events = new ArrayList<>();
        for (SimJob j : jobs) {
            long s = submit.applyAsLong(j);
            events.add(new long[] {s, j.gpus()});
            events.add(new long[] {s + j.duration(), -j.gpus()});
        }
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        long running = 0;
        for (long[] e : events) {
            running += e[1];
            if (running > cap) {
                return false;
            }
        }
        return true;
    }
}
