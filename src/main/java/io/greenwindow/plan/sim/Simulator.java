package io.greenwindow.plan.sim;

import io.greenwindow.grid.CarbonSignals;
import io.greenwindow.grid.EmissionScope;
import io.greenwindow.plan.CarbonBudget;
import io.greenwindow.plan.GpuCapacity;
import io.greenwindow.plan.IntensityCurve;
import io.greenwindow.plan.JobPlanner;
import io.greenwindow.plan.Plan;
import io.greenwindow.plan.PlanRequest;
import io.greenwindow.plan.PlannedSegment;
import io.greenwindow.plan.sim.SimulationResult.JobRun;
import io.greenwindow.plan.sim.SimulationResult.Strategy;
import io.greenwindow.policy.InMemoryPolicyStore;
import io.greenwindow.policy.PolicyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Replays a job trace over recorded intensity traces with the service's own {@link JobPlanner}, driven by a
 * virtual clock: each job is planned at its submission on the forecast (the trace, or a noisy copy), its GPUs are
 * reserved, and every run is scored on what the grid really was. Strategies: {@code run-at-once} (the
 * carbon-agnostic baseline, home zone), {@code carbon-aware-sdk} (contiguous best window on the forecast grid),
 * {@code greenwindow} (the planner with its policy); and the clairvoyant optimum ({@link ClairvoyantOptimum}, no
 * code shared with the planner) and, with a capacity, the LP bound. With a {@link RollingForecast} a new forecast
 * arrives every hour and greenwindow re-plans the held jobs at each ({@link RollingReplay}).
 */
public final class Simulator {

    public static final String BASELINE = "run-at-once";
    public static final String SDK = "carbon-aware-sdk";
    public static final String GREENWINDOW = "greenwindow";

    private final LinkedHashMap<String, Trace> traces;
    private final SimulationSettings settings;
    private final Map<String, IntensityCurve> actual = new LinkedHashMap<>();
    private final Map<String, Trace> forecast = new LinkedHashMap<>();

    /** {@code traces} in order: the first is the home zone, where jobs run when nothing is shifted. */
    public Simulator(LinkedHashMap<String, Trace> traces, SimulationSettings settings) {
        if (traces.isEmpty()) {
            throw new IllegalArgumentException("At least one trace is needed");
        }
        this.traces = traces;
        this.settings = settings;
        for (Trace t : traces.values()) {
            actual.put(t.zone(), t.curve());
            forecast.put(t.zone(), settings.noiseFraction() == 0 ? t : noisy(t));
        }
    }

    private Trace noisy(Trace t) {
        Random random = new Random(settings.noiseSeed() * 31 + t.zone().hashCode());
        double sigma = settings.noiseFraction() * t.mean();
        double[] v = t.values().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0, v[i] + random.nextGaussian() * sigma);
        }
        return t.withValues(v, t.source() + " + noise σ=" + settings.noiseFraction() + "×mean");
    }

    public SimulationResult run(List<SimJob> all) {
        long from = traces.values().stream().mapToLong(Trace::start).max().orElseThrow();
        long to = traces.values().stream().mapToLong(Trace::end).min().orElseThrow();
        List<SimJob> jobs = new ArrayList<>();
        for (SimJob j : all) {
            long submit = submit(j);
            if (submit >= from && deadline(j) <= to) {
                jobs.add(j);
            }
        }
        jobs.sort(Comparator.comparingLong(SimJob::submit).thenComparing(SimJob::id));
        List<String> notes = new ArrayList<>();
        int excluded = all.size() - jobs.size();
        if (excluded > 0) {
            notes.add(excluded + " jobs excluded: submitted before the traces start or due after they end ("
                    + Instant.ofEpochSecond(from) + " to " + Instant.ofEpochSecond(to) + ")");
        }
        List<String> zones = List.copyOf(traces.keySet());
        Strategy baseline = score(BASELINE, "carbon-agnostic: every job at submission in " + zones.get(0), jobs,
                runAtOnce(jobs, zones.get(0)), Double.NaN);
        double optimum = optimum(jobs, zones);
        Strategy sdk = score(SDK, "Carbon Aware SDK rule: contiguous, greenest window by average on the forecast grid"
                + (settings.rolling() == null ? "" : ", planned once at submission"), jobs, replay(jobs, zones, false, false), optimum);
        Strategy green = score(GREENWINDOW, "greenwindow planner (" + (interruptibleAll() ? "interruptible" : "contiguous")
                + ", windows on and off the grid, policy rules" + (settings.rolling() == null ? ""
                        : ", re-planned at every hourly forecast") + ")", jobs, greenwindow(jobs, zones), optimum);
        double base = baseline.emissionsKg();
        List<Strategy> strategies = List.of(withShare(baseline, base, optimum), withShare(sdk, base, optimum),
                withShare(green, base, optimum));
        Double lp = null;
        String lpNote = "no capacity limit: the LP bound equals the optimum";
        if (!settings.capacity().isEmpty()) {
            CapacityBound bound = new CapacityBound(actual, settings.capacity(), traceStep());
            lp = bound.lowerBoundKg(jobs, j -> submit(j), this::deadline, this::interruptible, kw(), green.emissionsKg());
            lpNote = bound.note();
            if (lp == null) {
                notes.add(lpNote);
            }
        }
        return new SimulationResult(strategies, optimum, lp, lpNote, base, jobs.size(), excluded, notes);
    }

    private static Strategy withShare(Strategy s, double base, double optimum) {
        double saving = base > 0 ? 1 - s.emissionsKg() / base : Double.NaN;
        double share = base - optimum > 1e-12 ? (base - s.emissionsKg()) / (base - optimum) : Double.NaN;
        return new Strategy(s.name(), s.description(), s.emissionsKg(), saving, share, s.meanDelayHours(),
                s.deadlinesMissed(), s.runs());
    }

    private boolean interruptibleAll() {
        return Boolean.TRUE.equals(settings.interruptible());
    }

    boolean interruptible(SimJob j) {
        if (settings.interruptible() != null) {
            return settings.interruptible();
        }
        return Boolean.TRUE.equals(j.interruptible());
    }

    long submit(SimJob j) {
        return settings.anchor().getEpochSecond() + j.submit();
    }

    long deadline(SimJob j) {
        if (j.deadline() >= 0) {
            return settings.anchor().getEpochSecond() + j.deadline();
        }
        return submit(j) + j.duration() + settings.slack().getSeconds();
    }

    private long traceStep() {
        return traces.values().iterator().next().step();
    }

    private double kw() {
        return settings.gpuPowerWatts() / 1000.0;
    }

    private List<JobRun> runAtOnce(List<SimJob> jobs, String home) {
        GpuCapacity capacity = new GpuCapacity(settings.capacity(), Duration.ofSeconds(traceStep()));
        List<JobRun> runs = new ArrayList<>();
        for (SimJob j : jobs) {
            long start = submit(j);
            if (j.gpus() > 0 && capacity.isLimited(home)) {
                long fit = capacity.earliestFit(home, j.gpus(), start, j.duration(), start + Duration.ofDays(400).getSeconds());
                start = fit < 0 ? start : fit;
                capacity.reserve(home, j.gpus(), Instant.ofEpochSecond(start), Instant.ofEpochSecond(start + j.duration()));
            }
            runs.add(new JobRun(j.id(), j.gpus(), List.of(new PlannedSegment(home, Instant.ofEpochSecond(start),
                    Instant.ofEpochSecond(start + j.duration()))), "run at once"));
        }
        return runs;
    }

    private List<JobRun> greenwindow(List<SimJob> jobs, List<String> zones) {
        if (settings.rolling() == null) {
            return replay(jobs, zones, true, true);
        }
        VirtualClock clock = new VirtualClock(settings.anchor());
        InMemoryPolicyStore policies = new InMemoryPolicyStore(clock);
        policies.publish(PolicyStore.DEFAULT_NAME, settings.rules());
        return new RollingReplay(signals(), policies, clock, settings.capacity(), traceStep(),
                j -> request(j, zones, true), true, settings.rules().checkpointOverhead()).run(jobs);
    }

    private CarbonSignals signals() {
        EmissionScope scope = EmissionScope.LIFECYCLE;
        return settings.rolling() == null ? new TraceSignals(forecast, traces, scope)
                : new RollingSignals(traces, settings.rolling(), scope);
    }

    private PlanRequest request(SimJob j, List<String> zones, boolean greenwindow) {
        Instant submit = Instant.ofEpochSecond(submit(j));
        return new PlanRequest(j.id(), "sim", submit, Instant.ofEpochSecond(deadline(j)),
                Duration.ofSeconds(j.duration()), zones, j.gpus(), greenwindow && interruptible(j), 0, false);
    }

    private List<JobRun> replay(List<SimJob> jobs, List<String> zones, boolean greenwindow, boolean endAligned) {
        VirtualClock clock = new VirtualClock(settings.anchor());
        InMemoryPolicyStore policies = new InMemoryPolicyStore(clock);
        if (greenwindow) {
            policies.publish(PolicyStore.DEFAULT_NAME, settings.rules());
        }
        GpuCapacity capacity = new GpuCapacity(settings.capacity(), Duration.ofSeconds(traceStep()));
        JobPlanner planner = new JobPlanner(signals(), policies, clock, capacity, CarbonBudget.NONE, endAligned);
        if (greenwindow && settings.noiseFraction() > 0) {
            Map<String, Double> sigma = new LinkedHashMap<>();
            traces.values().forEach(t -> sigma.put(t.zone(), settings.noiseFraction() * t.mean()));
            planner = planner.withForecastError(sigma);
        }
        List<JobRun> runs = new ArrayList<>();
        for (SimJob j : jobs) {
            PlanRequest r = request(j, zones, greenwindow);
            clock.set(r.submittedAt());
            Plan plan = planner.plan(r);
            if (j.gpus() > 0) {
                for (PlannedSegment s : plan.segments()) {
                    capacity.reserve(s.zone(), j.gpus(), s.start(), s.end());
                }
            }
            runs.add(new JobRun(j.id(), j.gpus(), plan.segments(), plan.reason()));
        }
        return runs;
    }

    /**
     * Perfect foresight, no capacity limit, no pause cost, the greenest zone per job; by {@link ClairvoyantOptimum},
     * which shares no code with the planner.
     */
    private double optimum(List<SimJob> jobs, List<String> zones) {
        double grams = 0;
        for (SimJob j : jobs) {
            double best = Double.POSITIVE_INFINITY;
            for (String z : zones) {
                Trace t = traces.get(z);
                double integral = interruptible(j)
                        ? ClairvoyantOptimum.interruptible(t, submit(j), deadline(j), j.duration())
                        : ClairvoyantOptimum.contiguous(t, submit(j), deadline(j), j.duration());
                if (integral < best) {
                    best = integral;
                }
            }
            grams += best * weight(j) * kw() / 3600;
        }
        return grams / 1000;
    }

    static int weight(SimJob j) {
        return Math.max(1, j.gpus());
    }

    private Strategy score(String name, String description, List<SimJob> jobs, List<JobRun> runs, double optimum) {
        double grams = 0;
        double delay = 0;
        int missed = 0;
        for (int i = 0; i < jobs.size(); i++) {
            SimJob j = jobs.get(i);
            JobRun run = runs.get(i);
            for (PlannedSegment s : run.segments()) {
                IntensityCurve c = actual.get(s.zone());
                grams += c.integral(s.start().getEpochSecond(), s.end().getEpochSecond()) * weight(j) * kw() / 3600;
            }
            long end = run.segments().get(run.segments().size() - 1).end().getEpochSecond();
            delay += Math.max(0, end - (submit(j) + j.duration()));
            if (end > deadline(j)) {
                missed++;
            }
        }
        double meanDelayHours = jobs.isEmpty() ? 0 : delay / jobs.size() / 3600;
        return new Strategy(name, description, grams / 1000, Double.NaN, Double.NaN, meanDelayHours, missed, runs);
    }
}
