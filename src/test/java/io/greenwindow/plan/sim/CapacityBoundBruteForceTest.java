package io.greenwindow.plan.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.plan.IntensityCurve;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The LP bound against every schedule of small random cases: one zone, hourly slots, interruptible 1-GPU jobs of
 * whole hours. Brute force tries every choice of hours for every job and keeps the cheapest that never puts more
 * jobs in an hour than the capacity. With 1-GPU jobs on whole hours this is a transportation problem, whose LP
 * has an integral optimum: the brute-force minimum is the LP optimum, so the bound must lie below it and, being
 * the best of its subgradient steps, close to it.
 */
class CapacityBoundBruteForceTest {

    private record Job(int submit, int deadline, int hours) {
    }

    private static double brute(double[] v, List<Job> jobs, int capacity, int index, int[] use, double cost) {
        if (index == jobs.size()) {
            return cost;
        }
        Job j = jobs.get(index);
        double best = Double.POSITIVE_INFINITY;
        int slots = j.deadline() - j.submit();
        for (int mask = 0; mask < 1 << slots; mask++) {
            if (Integer.bitCount(mask) != j.hours()) {
                continue;
            }
            boolean fits = true;
            double c = 0;
            for (int i = 0; i < slots; i++) {
                if ((mask & 1 << i) != 0) {
                    fits &= use[j.submit() + i] < capacity;
                    c += v[j.submit() + i];
                }
            }
            if (!fits) {
                continue;
            }
            for (int i = 0; i < slots; i++) {
                if ((mask & 1 << i) != 0) {
                    use[j.submit() + i]++;
                }
            }
            best = Math.min(best, brute(v, jobs, capacity, index + 1, use, cost + c));
            for (int i = 0; i < slots; i++) {
                if ((mask & 1 << i) != 0) {
                    use[j.submit() + i]--;
                }
            }
        }
        return best;
    }

    @Test
    void lpBound_randomSmallCases_neverAboveTheBestScheduleAndCloseToIt() {
        Random random = new Random(8);
        int checked = 0;
        double worstGap = 0;
        int binding = 0;
        for (int round = 0; round < 200; round++) {
            int n = 8;
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = 50 + random.nextInt(400);
            }
            int capacity = 1 + random.nextInt(2);
            List<Job> jobs = new ArrayList<>();
            List<SimJob> sim = new ArrayList<>();
            int[] atOnce = new int[n + 8];
            for (int k = 0; k < 2 + random.nextInt(3); k++) {
                int submit = random.nextInt(4);
                int hours = 1 + random.nextInt(2);
                int deadline = Math.min(n, submit + hours + 1 + random.nextInt(4));
                jobs.add(new Job(submit, deadline, hours));
                sim.add(new SimJob("j" + k, submit * 3600L, hours * 3600L, 1, deadline * 3600L, true));
                for (int h = submit; h < submit + hours; h++) {
                    atOnce[h]++;
                }
            }
            if (java.util.Arrays.stream(atOnce).max().orElseThrow() > capacity) {
                continue; // the bound is only defined when running at once fits (see CapacityBound)
            }
            double best = brute(v, jobs, capacity, 0, new int[n], 0); // (g/kWh)·h for 1 GPU
            if (best > brute(v, jobs, 100, 0, new int[n], 0) + 1e-9) {
                binding++;
            }
            CapacityBound bound = new CapacityBound(new LinkedHashMap<>(Map.of("Z", new IntensityCurve(0, 3600, v))),
                    Map.of("Z", capacity), 3600);
            // kw = 3.6 turns (g/kWh)·s into kg = (g/kWh)·h / 1000: kg = integral · 3.6 / 3600 / 1000.
            Double kg = bound.lowerBoundKg(sim, SimJob::submit, SimJob::deadline, j -> true, 3.6, best * 3.6 / 1000 * 1.0001);
            double lp = kg * 1000 / 3.6;

            assertThat(lp).as("round %d", round).isLessThanOrEqualTo(best * (1 + 1e-9));
            worstGap = Math.max(worstGap, 1 - lp / best);
            checked++;
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(binding).as("cases where the capacity changes the optimum").isGreaterThan(10);
        // Measured when written: under 0.01% in every case.
        assertThat(worstGap).as("largest shortfall of the bound below the true LP optimum").isLessThan(0.001);
    }

    private record ZonedJob(int submit, int deadline, int hours, int gpus) {
    }

    /** The cheapest schedule with each job in one zone, whole hours, GPUs per hour within each zone's capacity. */
    private static double bruteZoned(double[][] v, List<ZonedJob> jobs, int[] capacity, int index, int[][] use) {
        if (index == jobs.size()) {
            return 0;
        }
        ZonedJob j = jobs.get(index);
        double best = Double.POSITIVE_INFINITY;
        int slots = j.deadline() - j.submit();
        for (int z = 0; z < v.length; z++) {
            for (int mask = 0; mask < 1 << slots; mask++) {
                if (Integer.bitCount(mask) != j.hours()) {
                    continue;
                }
                boolean fits = true;
                double c = 0;
                for (int i = 0; i < slots; i++) {
                    if ((mask & 1 << i) != 0) {
                        fits &= use[z][j.submit() + i] + j.gpus() <= capacity[z];
                        c += v[z][j.submit() + i] * j.gpus(); // emissions scale with the GPUs (Simulator.weight)
                    }
                }
                if (!fits) {
                    continue;
                }
                for (int i = 0; i < slots; i++) {
                    if ((mask & 1 << i) != 0) {
                        use[z][j.submit() + i] += j.gpus();
                    }
                }
                best = Math.min(best, c + bruteZoned(v, jobs, capacity, index + 1, use));
                for (int i = 0; i < slots; i++) {
                    if ((mask & 1 << i) != 0) {
                        use[z][j.submit() + i] -= j.gpus();
                    }
                }
            }
        }
        return best;
    }

    @Test
    void lpBound_twoZonesAndJobsOfOneOrTwoGpus_neverAboveTheBestScheduleWithEachJobInOneZone() {
        Random random = new Random(11);
        int checked = 0;
        int binding = 0;
        for (int round = 0; round < 150; round++) {
            int n = 7;
            double[][] v = new double[2][n];
            for (double[] zone : v) {
                for (int i = 0; i < n; i++) {
                    zone[i] = 50 + random.nextInt(400);
                }
            }
            int[] capacity = {2 + random.nextInt(2), 1 + random.nextInt(2)};
            List<ZonedJob> jobs = new ArrayList<>();
            List<SimJob> sim = new ArrayList<>();
            int[] atOnce = new int[n + 8];
            for (int k = 0; k < 2 + random.nextInt(3); k++) {
                int submit = random.nextInt(3);
                int hours = 1 + random.nextInt(2);
                int gpus = 1 + random.nextInt(2);
                int deadline = Math.min(n, submit + hours + 1 + random.nextInt(3));
                jobs.add(new ZonedJob(submit, deadline, hours, gpus));
                sim.add(new SimJob("j" + k, submit * 3600L, hours * 3600L, gpus, deadline * 3600L, true));
                for (int h = submit; h < submit + hours; h++) {
                    atOnce[h] += gpus;
                }
            }
            if (java.util.Arrays.stream(atOnce).max().orElseThrow() > capacity[0]) {
                continue; // the bound is only defined when running at once in the home zone fits
            }
            double best = bruteZoned(v, jobs, capacity, 0, new int[2][n]);
            if (best > bruteZoned(v, jobs, new int[] {100, 100}, 0, new int[2][n]) + 1e-9) {
                binding++;
            }
            LinkedHashMap<String, IntensityCurve> curves = new LinkedHashMap<>();
            curves.put("A", new IntensityCurve(0, 3600, v[0]));
            curves.put("B", new IntensityCurve(0, 3600, v[1]));
            CapacityBound bound = new CapacityBound(curves, Map.of("A", capacity[0], "B", capacity[1]), 3600);
            Double kg = bound.lowerBoundKg(sim, SimJob::submit, SimJob::deadline, j -> true, 3.6, best * 3.6 / 1000 * 1.0001);

            assertThat(kg * 1000 / 3.6).as("round %d", round).isLessThanOrEqualTo(best * (1 + 1e-9));
            checked++;
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(binding).as("cases where the capacity changes the optimum").isGreaterThan(10);
    }
}
