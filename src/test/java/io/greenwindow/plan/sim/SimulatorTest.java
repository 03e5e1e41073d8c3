package io.greenwindow.plan.sim;

import static io.greenwindow.plan.sim.TraceReaderTest.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.greenwindow.grid.replay.TraceCsv;
import io.greenwindow.plan.PlannedSegment;
import io.greenwindow.plan.sim.SimulationResult.JobRun;
import io.greenwindow.plan.sim.SimulationResult.Strategy;
import io.greenwindow.policy.PolicyRules;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    private static final Instant ANCHOR = Instant.parse("2023-03-02T00:00:00Z");

    private static LinkedHashMap<String, Trace> traces(String... zones) throws Exception {
        LinkedHashMap<String, Trace> t = new LinkedHashMap<>();
        for (String z : zones) {
            t.put(z, Trace.read(z, resource(z + "_2023-03-01_to_03-14_hourly.csv"), TraceCsv.Column.LCA));
        }
        return t;
    }

    private static SimulationSettings settings(Boolean interruptible, double noise, Map<String, Integer> capacity) {
        return new SimulationSettings(ANCHOR, Duration.ofHours(24), interruptible, PolicyRules.DEFAULT, noise, 5,
                capacity, 300);
    }

    @Test
    void simulate_handMadeValley_scoresEachStrategyOnTheActualTrace() {
        // 00:00-06:00 at 400, 100, 100, 400, 400, 400; one 2h job of 1 GPU submitted at 00:00, deadline 06:00.
        Trace t = new Trace("Z", "test", ANCHOR.getEpochSecond(), 3600, new double[] {400, 100, 100, 400, 400, 400}, 0);
        LinkedHashMap<String, Trace> traces = new LinkedHashMap<>(Map.of("Z", t));
        SimJob job = new SimJob("j", 0, 7200, 1, 6 * 3600, false);

        SimulationResult r = new Simulator(traces, settings(null, 0, Map.of())).run(List.of(job));

        // At once: (400 + 100) g/kWh·h × 0.3 kW = 150 g; best window 01:00-03:00: 200 × 0.3 = 60 g.
        assertThat(r.baselineKg()).isCloseTo(0.150, within(1e-12));
        assertThat(r.optimumKg()).isCloseTo(0.060, within(1e-12));
        assertThat(r.strategy(Simulator.GREENWINDOW).emissionsKg()).isCloseTo(0.060, within(1e-12));
        assertThat(r.strategy(Simulator.GREENWINDOW).shareOfOptimum()).isCloseTo(1.0, within(1e-12));
        assertThat(r.strategy(Simulator.GREENWINDOW).meanDelayHours()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void simulate_twoWeeksOfRealTraces_everyRunInsideItsWindowAndNoStrategyBeatsTheOptimum() throws Exception {
        List<SimJob> jobs = JobTraceReader.read(resource("jobs-60.csv"));
        Simulator sim = new Simulator(traces("DE", "GB"), settings(null, 0, Map.of()));

        SimulationResult r = sim.run(jobs);

        assertThat(r.jobs()).isEqualTo(60);
        for (Strategy s : r.strategies()) {
            assertThat(s.emissionsKg()).as(s.name()).isGreaterThanOrEqualTo(r.optimumKg() * (1 - 1e-9));
            assertThat(s.deadlinesMissed()).as(s.name()).isZero();
        }
        Strategy green = r.strategy(Simulator.GREENWINDOW);
        assertThat(green.emissionsKg()).isLessThan(r.strategy(Simulator.SDK).emissionsKg());
        assertThat(green.shareOfOptimum()).isGreaterThan(0.9);
        Map<String, SimJob> byId = new HashMap<>();
        jobs.forEach(j -> byId.put(j.id(), j));
        for (JobRun run : green.runs()) {
            SimJob j = byId.get(run.jobId());
            long submit = ANCHOR.getEpochSecond() + j.submit();
            long deadline = j.deadline() >= 0 ? ANCHOR.getEpochSecond() + j.deadline() : submit + j.duration() + 86400;
            long runTime = 0;
            for (PlannedSegment s : run.segments()) {
                assertThat(s.start().getEpochSecond()).isGreaterThanOrEqualTo(submit);
                assertThat(s.end().getEpochSecond()).isLessThanOrEqualTo(deadline);
                runTime += s.end().getEpochSecond() - s.start().getEpochSecond();
            }
            long overhead = PolicyRules.DEFAULT.checkpointOverhead().getSeconds() * (run.segments().size() - 1);
            assertThat(runTime).isEqualTo(j.duration() + overhead);
        }
    }

    @Test
    void simulate_withCapacity_neverExceedsItAndStaysAboveTheLpBound() throws Exception {
        List<SimJob> jobs = JobTraceReader.read(resource("jobs-60.csv"));
        int cap = 40; // above the run-at-once peak of this set, below its sum
        SimulationResult r = new Simulator(traces("DE"), settings(true, 0, Map.of("DE", cap))).run(jobs);

        Strategy green = r.strategy(Simulator.GREENWINDOW);
        long from = ANCHOR.getEpochSecond();
        int[] minuteUse = new int[20 * 24 * 60];
        Map<String, SimJob> byId = new HashMap<>();
        jobs.forEach(j -> byId.put(j.id(), j));
        for (JobRun run : green.runs()) {
            for (PlannedSegment s : run.segments()) {
                for (long m = (s.start().getEpochSecond() - from) / 60; m * 60 < s.end().getEpochSecond() - from; m++) {
                    minuteUse[(int) m] += byId.get(run.jobId()).gpus();
                }
            }
        }
        assertThat(java.util.Arrays.stream(minuteUse).max().orElseThrow()).isLessThanOrEqualTo(cap);
        assertThat(r.lpBoundKg()).as(r.lpBoundNote()).isNotNull();
        assertThat(r.lpBoundKg()).isLessThanOrEqualTo(green.emissionsKg());
        assertThat(r.lpBoundKg()).isGreaterThanOrEqualTo(r.optimumKg() * (1 - 1e-9));
    }

    @Test
    void simulate_noisyForecast_isScoredOnTheActualTraceAndIsRepeatable() throws Exception {
        List<SimJob> jobs = JobTraceReader.read(resource("jobs-60.csv"));

        SimulationResult a = new Simulator(traces("DE"), settings(false, 0.05, Map.of())).run(jobs);
        SimulationResult b = new Simulator(traces("DE"), settings(false, 0.05, Map.of())).run(jobs);
        SimulationResult perfect = new Simulator(traces("DE"), settings(false, 0, Map.of())).run(jobs);

        assertThat(a.strategy(Simulator.GREENWINDOW).emissionsKg()).isEqualTo(b.strategy(Simulator.GREENWINDOW).emissionsKg());
        assertThat(a.optimumKg()).isEqualTo(perfect.optimumKg());
        assertThat(a.strategy(Simulator.GREENWINDOW).emissionsKg())
                .isGreaterThanOrEqualTo(perfect.strategy(Simulator.GREENWINDOW).emissionsKg() * (1 - 1e-9));
    }
}
