package io.greenwindow.plan.sim;

import static io.greenwindow.plan.sim.TraceReaderTest.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.greenwindow.grid.EmissionScope;
import io.greenwindow.grid.ForecastResult;
import io.greenwindow.grid.SignalPoint;
import io.greenwindow.grid.replay.TraceCsv;
import io.greenwindow.plan.PlannedSegment;
import io.greenwindow.plan.sim.SimulationResult.JobRun;
import io.greenwindow.policy.PolicyRules;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollingForecastTest {

    private static final Instant ANCHOR = Instant.parse("2023-03-02T00:00:00Z");

    @Test
    void innovationScale_isTheHandDerivedValue() {
        // s = E·√((1 − φ²)/(1 − φ^48)); φ² = 0.9025, φ^48 = e^(48·ln 0.95) = e^(−2.46208) = 0.085268, so
        // s = 0.1·√(0.0975/0.914732) = 0.1·√0.106589 = 0.1·0.326480 = 0.0326480.
        assertThat(new RollingForecast(0.10, 1).innovationScale()).isCloseTo(0.0326480, within(2e-6));
    }

    @Test
    void errors_manyIssues_zeroAtLeadZeroAndSdEAt24Hours() {
        for (long step : List.of(3600L, 900L)) {
            RollingForecast model = new RollingForecast(0.10, 3);
            int at24 = (int) (24 * 3600 / step);
            int at6 = (int) (6 * 3600 / step);
            double sum24 = 0;
            double sq24 = 0;
            double sq6 = 0;
            int n = 6000;
            for (int i = 0; i < n; i++) {
                double[] e = model.errors("DE", 1_700_000_000L + 3600L * i, step, at24 + 1);
                assertThat(e[0]).isZero();
                sum24 += e[at24];
                sq24 += e[at24] * e[at24];
                sq6 += e[at6] * e[at6];
            }
            // Expected: sd(e_24) = 0.10; sd(e_6) = s·√((1 − φ^12)/(1 − φ²)) = 0.032648·√(0.459640/0.0975)
            // = 0.032648·2.171248 = 0.070887. The sampling error of an sd from 6000 draws is about 1%.
            double mean = sum24 / n;
            assertThat(Math.sqrt(sq24 / n - mean * mean)).as("step %d", step).isCloseTo(0.10, within(0.004));
            assertThat(Math.sqrt(sq6 / n)).as("step %d", step).isCloseTo(0.070887, within(0.003));
            assertThat(mean).isCloseTo(0, within(0.006));
        }
    }

    @Test
    void signals_exactInTheIssueHourAndTheSameForecastUntilTheNextIssue() throws Exception {
        Trace de = Trace.read("DE", resource("DE_2023-03-01_to_03-14_hourly.csv"), TraceCsv.Column.LCA);
        RollingSignals signals = new RollingSignals(Map.of("DE", de), new RollingForecast(0.10, 1), EmissionScope.LIFECYCLE);
        Instant tenPast = ANCHOR.plusSeconds(10 * 60);

        List<SignalPoint> a = points(signals.forecast("DE", tenPast, tenPast.plus(Duration.ofHours(30))));
        List<SignalPoint> b = points(signals.forecast("DE", ANCHOR.plusSeconds(50 * 60), ANCHOR.plus(Duration.ofHours(30))));
        List<SignalPoint> next = points(signals.forecast("DE", ANCHOR.plusSeconds(3600), ANCHOR.plus(Duration.ofHours(30))));

        int slot = (int) ((ANCHOR.getEpochSecond() - de.start()) / de.step());
        assertThat(a.get(0).gPerKwh()).isEqualTo(de.values()[slot]); // lead 0
        assertThat(a.get(29).gPerKwh()).isNotEqualTo(de.values()[slot + 29]);
        assertThat(b).isEqualTo(a.subList(0, b.size())); // issued at 00:00 both times
        assertThat(next.get(0).gPerKwh()).isEqualTo(de.values()[slot + 1]); // the 01:00 issue is exact at 01:00
        assertThat(next.get(28).gPerKwh()).isNotEqualTo(a.get(29).gPerKwh()); // and a fresh path further out
    }

    private static List<SignalPoint> points(ForecastResult r) {
        return ((ForecastResult.Forecast) r).signal().points();
    }

    private static LinkedHashMap<String, Trace> slices(String... zones) throws Exception {
        LinkedHashMap<String, Trace> t = new LinkedHashMap<>();
        for (String z : zones) {
            t.put(z, Trace.read(z, resource(z + "_2023-03-01_to_03-14_hourly.csv"), TraceCsv.Column.LCA));
        }
        return t;
    }

    private static SimulationSettings rolling(Boolean interruptible, double error, Map<String, Integer> capacity) {
        return new SimulationSettings(ANCHOR, Duration.ofHours(24), interruptible, PolicyRules.DEFAULT, 0, 1, capacity,
                300, error < 0 ? null : new RollingForecast(error, 4));
    }

    @Test
    void simulate_rollingWithoutError_contiguousEmitsExactlyWhatPlanningOnceOnThePerfectForecastDoes() throws Exception {
        List<SimJob> jobs = JobTraceReader.read(resource("jobs-60.csv"));

        SimulationResult once = new Simulator(slices("DE", "GB"), rolling(false, -1, Map.of())).run(jobs);
        SimulationResult hourly = new Simulator(slices("DE", "GB"), rolling(false, 0, Map.of())).run(jobs);

        // Re-planning on exact forecasts finds the same windows, and stickiness keeps every plan.
        assertThat(hourly.strategy(Simulator.GREENWINDOW).emissionsKg())
                .isCloseTo(once.strategy(Simulator.GREENWINDOW).emissionsKg(), within(1e-9));
    }

    @Test
    void simulate_rollingForecastWithCapacity_everyJobRunsItsWorkInsideItsWindowNeverAboveCapacity() throws Exception {
        List<SimJob> jobs = JobTraceReader.read(resource("jobs-60.csv"));
        Map<String, Integer> capacity = Map.of("DE", 12, "GB", 8);
        Simulator sim = new Simulator(slices("DE", "GB"), rolling(true, 0.10, capacity));

        SimulationResult r = sim.run(jobs);
        SimulationResult again = new Simulator(slices("DE", "GB"), rolling(true, 0.10, capacity)).run(jobs);

        assertThat(again.strategy(Simulator.GREENWINDOW).emissionsKg()).isEqualTo(r.strategy(Simulator.GREENWINDOW).emissionsKg());
        long overhead = PolicyRules.DEFAULT.checkpointOverhead().getSeconds();
        Map<String, SimJob> byId = new HashMap<>();
        jobs.forEach(j -> byId.put(j.id(), j));
        Map<String, int[]> minuteUse = Map.of("DE", new int[20 * 24 * 60], "GB", new int[20 * 24 * 60]);
        long origin = ANCHOR.getEpochSecond() - 86400;
        for (JobRun run : r.strategy(Simulator.GREENWINDOW).runs()) {
            SimJob j = byId.get(run.jobId());
            long runTime = 0;
            for (int i = 0; i < run.segments().size(); i++) {
                PlannedSegment s = run.segments().get(i);
                assertThat(s.start().getEpochSecond()).isGreaterThanOrEqualTo(sim.submit(j));
                assertThat(s.end().getEpochSecond()).isLessThanOrEqualTo(sim.deadline(j));
                if (i > 0) {
                    assertThat(s.start()).isAfterOrEqualTo(run.segments().get(i - 1).end());
                }
                runTime += s.length().getSeconds();
                for (long m = (s.start().getEpochSecond() - origin) / 60; m * 60 < s.end().getEpochSecond() - origin; m++) {
                    minuteUse.get(s.zone())[(int) m] += j.gpus();
                }
            }
            // The work done is the duration: every segment after the first spends the resume overhead first.
            assertThat(runTime - (run.segments().size() - 1) * overhead).as(run.jobId() + ": " + run.segments())
                    .isEqualTo(j.duration());
        }
        for (JobRun run : r.strategy(Simulator.GREENWINDOW).runs()) {
            // A paused job resumes where its checkpoint is; the optimum it is scored against keeps each job in one zone.
            assertThat(run.segments().stream().map(PlannedSegment::zone).distinct()).as(run.jobId()).hasSize(1);
        }
        assertThat(r.strategy(Simulator.GREENWINDOW).emissionsKg()).isGreaterThanOrEqualTo(r.optimumKg());
        assertThat(java.util.Arrays.stream(minuteUse.get("DE")).max().orElseThrow()).isLessThanOrEqualTo(12);
        assertThat(java.util.Arrays.stream(minuteUse.get("GB")).max().orElseThrow()).isLessThanOrEqualTo(8);
        assertThat(r.strategy(Simulator.GREENWINDOW).deadlinesMissed()).isZero();
    }

    @Test
    void settings_rollingAndNoiseTogether_areRefusedWithTheReason() {
        assertThatThrownBy(() -> new SimulationSettings(ANCHOR, Duration.ZERO, null, null, 0.05, 1, Map.of(), 300,
                new RollingForecast(0.1, 1))).hasMessageContaining("noise must be 0");
        assertThatThrownBy(() -> new RollingForecast(-0.1, 1)).hasMessageContaining("-0.1 must be a fraction");
    }

    /**
     * The goal of issue 11 on the shipped full-year traces and a seeded random job set (see ClairvoyantOptimumTest):
     * ≥ 95% of the optimum's saving with rolling:0.10, as the median over seeds 1-3 (one seed alone ranged from
     * 94.4% to 96.8% for contiguous jobs in DE when this was written: the forecast errors are random too).
     */
    @Test
    void simulate_rolling10Percent_keepsAtLeast95PercentOfTheOptimumsSavingOverSeeds() {
        for (String[] zones : List.of(new String[] {"DE"}, new String[] {"DE", "GB", "US-CAL-CISO"})) {
            LinkedHashMap<String, Trace> t = new LinkedHashMap<>();
            for (String z : zones) {
                t.put(z, Trace.read(z, java.nio.file.Path.of("grid-adapters/traces/" + z + "_2023_hourly.csv"), TraceCsv.Column.LCA));
            }
            List<SimJob> jobs = ClairvoyantOptimumTest.randomJobs(3);
            for (boolean interruptible : List.of(false, true)) {
                double[] share = new double[3];
                for (int seed = 1; seed <= 3; seed++) {
                    SimulationSettings s = new SimulationSettings(ANCHOR, Duration.ofHours(24), interruptible,
                            PolicyRules.DEFAULT, 0, 1, Map.of(), 300, new RollingForecast(0.10, seed));
                    share[seed - 1] = new Simulator(t, s).run(jobs).strategy(Simulator.GREENWINDOW).shareOfOptimum();
                }
                java.util.Arrays.sort(share);
                assertThat(share[1]).as("%s, interruptible %s: %s", String.join("+", zones), interruptible,
                        java.util.Arrays.toString(share)).isGreaterThanOrEqualTo(0.95);
            }
        }
    }
}
