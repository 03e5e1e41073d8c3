package io.greenwindow.plan.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.greenwindow.grid.replay.TraceCsv;
import io.greenwindow.policy.PolicyRules;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClairvoyantOptimumTest {

    private static final Instant ANCHOR = Instant.parse("2023-03-02T00:00:00Z");

    @Test
    void contiguous_handMadeSteps_findsTheWindowEndingAtAnOffGridDeadline() {
        // Hourly 300, 300, 100, 200 from 0; a 90-min job due at 200 min. By hand (g/kWh·min): start 110 min covers
        // 10·300 + 60·100 + 20·200 = 13000; start 90 gives 30·300 + 60·100 = 15000; nothing later fits.
        Trace t = new Trace("Z", "test", 0, 3600, new double[] {300, 300, 100, 200}, 0);

        assertThat(ClairvoyantOptimum.contiguous(t, 0, 200 * 60, 90 * 60)).isCloseTo(13000 * 60.0, within(1e-6));
        assertThat(ClairvoyantOptimum.contiguous(t, 0, 4 * 3600 + 60, 5 * 3600)).isNaN();
    }

    @Test
    void interruptible_handMadeSteps_takesTheCheapestSecondsAndTheRestAtTheLevel() {
        // 300, 100, 200, 100 hourly; window [30 min, 4 h); 2 h of run time: both 100 hours (7200 s) at 100 = 720000.
        // 2.5 h: add 30 min at 200 = 720000 + 1800·200 = 1080000. 3.75 h: 300 covers its last 30 min only, so 3.5 h
        // is all there is: 3.75 h does not fit.
        Trace t = new Trace("Z", "test", 0, 3600, new double[] {300, 100, 200, 100}, 0);

        assertThat(ClairvoyantOptimum.interruptible(t, 1800, 4 * 3600, 7200)).isCloseTo(720000, within(1e-6));
        assertThat(ClairvoyantOptimum.interruptible(t, 1800, 4 * 3600, 9000)).isCloseTo(1080000, within(1e-6));
        assertThat(ClairvoyantOptimum.interruptible(t, 1800, 4 * 3600, 13500)).isNaN();
    }

    /** Minute-grid brute force, written apart from both the planner and the optimum under test. */
    private static double[] minutes(Trace t) {
        int perSlot = (int) (t.step() / 60);
        double[] m = new double[t.values().length * perSlot];
        for (int i = 0; i < m.length; i++) {
            m[i] = t.values()[i / perSlot] * 60;
        }
        return m;
    }

    @Test
    void bothOptima_randomTraces_matchMinuteBruteForce() {
        Random random = new Random(5);
        for (int round = 0; round < 300; round++) {
            long step = 60L * List.of(5, 15, 60).get(random.nextInt(3));
            double[] v = new double[5 + random.nextInt(20)];
            for (int i = 0; i < v.length; i++) {
                v[i] = 20 + random.nextInt(500);
            }
            Trace t = new Trace("Z", "test", 0, step, v, 0);
            double[] m = minutes(t);
            int from = random.nextInt(m.length / 2);
            int duration = 1 + random.nextInt(m.length - from);
            int latestEnd = from + duration + random.nextInt(m.length - from - duration + 1);
            double brute = Double.POSITIVE_INFINITY;
            for (int s = from; s + duration <= latestEnd; s++) {
                brute = Math.min(brute, Arrays.stream(m, s, s + duration).sum());
            }
            double[] cheapest = Arrays.copyOfRange(m, from, latestEnd);
            Arrays.sort(cheapest);
            double bruteSlots = Arrays.stream(cheapest, 0, duration).sum();

            assertThat(ClairvoyantOptimum.contiguous(t, from * 60L, latestEnd * 60L, duration * 60L))
                    .as("round %d", round).isCloseTo(brute, within(1e-6 * brute));
            assertThat(ClairvoyantOptimum.interruptible(t, from * 60L, latestEnd * 60L, duration * 60L))
                    .as("round %d", round).isCloseTo(bruteSlots, within(1e-6 * bruteSlots));
        }
    }

    private static LinkedHashMap<String, Trace> shipped(String... zones) {
        LinkedHashMap<String, Trace> t = new LinkedHashMap<>();
        for (String z : zones) {
            t.put(z, Trace.read(z, Path.of("grid-adapters/traces/" + z + "_2023_hourly.csv"), TraceCsv.Column.LCA));
        }
        return t;
    }

    /** 400 jobs over 50 days from 2023-03-02, 10 min to 30 h, submitted at any second. */
    static List<SimJob> randomJobs(long seed) {
        Random random = new Random(seed);
        List<SimJob> jobs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            long duration = 600 + (long) (Math.exp(random.nextDouble() * Math.log(180)) * 600);
            jobs.add(new SimJob("j" + i, random.nextInt(50 * 86400), duration, 1 + random.nextInt(4), -1, null));
        }
        return jobs;
    }

    @Test
    void simulate_shippedTracesPerfectForecast_contiguousReachesTheIndependentOptimum() {
        for (String[] zones : List.of(new String[] {"DE"}, new String[] {"GB"}, new String[] {"DE", "GB", "US-CAL-CISO"})) {
            for (String slack : List.of("PT6H", "PT24H")) {
                SimulationSettings s = new SimulationSettings(ANCHOR, Duration.parse(slack), false, PolicyRules.DEFAULT,
                        0, 1, Map.of(), 300);

                SimulationResult r = new Simulator(shipped(zones), s).run(randomJobs(3));

                SimulationResult.Strategy green = r.strategy(Simulator.GREENWINDOW);
                String what = String.join("+", zones) + " slack " + slack;
                assertThat(green.emissionsKg()).as(what).isGreaterThanOrEqualTo(r.optimumKg() * (1 - 1e-9));
                assertThat(green.shareOfOptimum()).as(what).isGreaterThanOrEqualTo(0.995);
            }
        }
    }
}
