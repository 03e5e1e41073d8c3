package io.greenwindow.plan;

import io.greenwindow.grid.SettableClock;
import io.greenwindow.plan.Fixtures.FixedSignals;
import io.greenwindow.policy.InMemoryPolicyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Re-planning N held jobs over 3 zones at 5-minute steps, on synthetic daily curves with seeded noise
 * ({@link io.greenwindow.plan.sim.Bench} measures the same on real traces). Not a test. Run:
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp target/test-classes:target/classes:$(cat cp.txt) org.openjdk.jmh.Main ReplanBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReplanBenchmark {

    @Param({"1000", "10000"})
    int jobs;

    @Param({"72"})
    int hours;

    /** Share of interruptible jobs: their slot search is the dearer one on a noisy 5-minute curve. */
    @Param({"0", "0.25"})
    double interruptibleShare;

    private JobPlanner planner;
    private List<PlanRequest> held;
    private Map<String, Plan> current;

    @Setup
    public void setUp() {
        Instant now = Fixtures.MIDNIGHT;
        Random random = new Random(1);
        FixedSignals signals = new FixedSignals();
        List<String> zones = List.of("A", "B", "C");
        for (String zone : zones) {
            double[] v = new double[hours * 12];
            double phase = random.nextDouble() * 2 * Math.PI;
            for (int i = 0; i < v.length; i++) {
                v[i] = 250 + 120 * Math.sin(2 * Math.PI * i / 288.0 + phase) + 20 * random.nextGaussian();
                v[i] = Math.max(0, v[i]);
            }
            signals.with(Fixtures.signal(zone, now, Duration.ofMinutes(5), v));
        }
        SettableClock clock = new SettableClock(now);
        planner = new JobPlanner(signals, new InMemoryPolicyStore(clock), clock, GpuCapacity.unlimited(), CarbonBudget.NONE, true);
        held = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            long d = 600 + random.nextInt(12 * 3600 - 600);
            long slack = (long) (random.nextDouble() * (hours * 3600L - d));
            held.add(new PlanRequest("j" + i, "t", now, now.plusSeconds(d + slack), Duration.ofSeconds(d), zones, 1,
                    random.nextDouble() < interruptibleShare, random.nextInt(3), false));
        }
        current = new HashMap<>();
        for (Plan p : planner.replan(held, Map.of())) {
            current.put(p.jobId(), p);
        }
    }

    @Benchmark
    public List<Plan> replan() {
        return planner.replan(held, current);
    }
}
