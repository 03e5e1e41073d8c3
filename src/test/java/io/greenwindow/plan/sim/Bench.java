package io.greenwindow.plan.sim;

import io.greenwindow.grid.replay.TraceCsv;
import io.greenwindow.policy.PolicyRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The planner's benchmark, a developer's tool kept out of the product jar (test scope): savings on the real
 * traces against the clairvoyant optimum (computed by {@link ClairvoyantOptimum}, which shares no code with the
 * planner), the Carbon Aware SDK rule, rolling forecasts, a GPU capacity with its LP bound, the published Let's
 * Wait Awhile figures, and speed; writes {@code docs/benchmarks.md}. Traces are read where they lie; nothing is
 * copied into the project. Run from the project root:
 * <pre>
 * mvn -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.greenwindow.plan.sim.Bench -Dexec.args="--sections savings,rolling,capacity,lwa,speed"
 * </pre>
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the planner on recorded traces and write the results table (Markdown).")
public final class Bench implements Callable<Integer> {

    private static final Instant ANCHOR = Instant.parse("2023-03-02T00:00:00Z");
    private static final String[] EM_ZONES = {"DE", "GB", "US-CAL-CISO", "US-MIDA-PJM"};

    @Option(names = "--traces", defaultValue = "grid-adapters/traces", description = "Folder with the Electricity Maps 2023 hourly traces (shipped).")
    Path traces;

    @Option(names = "--carbon", defaultValue = "../shared/data/carbon", description = "Folder with lets-wait-awhile-2020/.")
    Path carbon;

    @Option(names = "--seeds", defaultValue = "3", description = "Seeds per rolling-forecast figure (the median is reported).")
    int seeds;

    @Option(names = "--jobs", defaultValue = "../shared/data/jobs/itp_subset_jobs.csv", description = "The ITP job trace.")
    Path jobs;

    @Option(names = "--out", defaultValue = "docs/benchmarks.md", description = "Markdown file to write.")
    Path out;

    @Option(names = "--runs", defaultValue = "5", description = "Runs per speed figure (the median is reported).")
    int runs;

    @Option(names = "--sections", split = ",", defaultValue = "savings,rolling,capacity,lwa,speed",
            description = "Which parts to run: savings, rolling, capacity, lwa, speed.")
    Set<String> sections;

    private final StringBuilder md = new StringBuilder();
    private final List<String> misses = new ArrayList<>();
    private double firstRunSeconds = Double.NaN;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        md.append("# Planner benchmarks\n\nWritten by `io.greenwindow.plan.sim.Bench` (test scope; run command in ")
                .append("docs/planner.md) on ").append(Instant.now().toString(), 0, 10)
                .append(" (").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(String.format(Locale.ROOT, ", load average %.1f at start",
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
                .append("). Carbon intensity data: Electricity Maps (2023 ")
                .append("hourly, LCA, ODbL). Jobs: Microsoft ITP trace subset (5,407 jobs, MIT), anchored at ")
                .append(ANCHOR).append(". Savings are against running every job at once in DE; \"% of optimum\" is ")
                .append("the saving as a share of the clairvoyant optimum's (perfect foresight, no capacity limit, ")
                .append("no pause cost, greenest zone per job), computed apart from the planner (every whole-second start ")
                .append("of every contiguous job tried; interruptible: the cheapest seconds by price level). \"5% noise\": ")
                .append("Gaussian, σ = 5% of the trace mean, independent per hour, seed 1, the job planned once. ")
                .append("\"rolling 10%\": a new forecast every hour, relative error AR(1) over lead time (φ = 0.95 per ")
                .append("hour, sd 10% at 24 h, 0 at lead 0), held jobs re-planned at each; median over seeds.\n\n");
        List<SimJob> itp = JobTraceReader.read(jobs);
        if (sections.contains("savings")) {
            savings(itp);
        }
        if (sections.contains("rolling")) {
            rolling(itp);
        }
        if (sections.contains("capacity")) {
            capacity(itp);
        }
        if (sections.contains("lwa")) {
            letsWaitAwhile();
        }
        if (sections.contains("speed")) {
            speed(itp);
        }
        if (!misses.isEmpty()) {
            md.append("## Where a target is not met\n\n");
            misses.forEach(m -> md.append("- ").append(m).append('\n'));
            md.append("\nWhy, as far as measured (docs/planner.md has the figures): interruptible jobs pay for their ")
                    .append("pauses (resume overhead, minimum segment), which the optimum gets free; white noise reorders ")
                    .append("the cheapest single hours, which a window's average smooths. Rolling forecasts: every plan is ")
                    .append("made on a forecast whose error grows with lead time and is correlated over many hours (φ = 0.95), ")
                    .append("so the later hours a plan waits for are often less green than forecast, and what has run cannot ")
                    .append("be undone; re-planning the held jobs, and the rest of started interruptible ones, at every forecast recovers part ")
                    .append("of it.\n");
        }
        md.append(keptTail(out));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md, StandardCharsets.UTF_8);
        System.out.println(md);
        return 0;
    }

    /** Where sections written by other benchmarks begin; from this line on, the file is theirs and kept as it is. */
    static final String KEPT_FROM = "<!-- submission-load:begin -->";

    /** What {@code file} holds from the line {@link #KEPT_FROM} onwards, or nothing (no file, or no such line). */
    static String keptTail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int at = text.startsWith(KEPT_FROM) ? 0 : text.indexOf("\n" + KEPT_FROM);
        return at < 0 ? "" : text.substring(at == 0 ? 0 : at + 1);
    }

    private LinkedHashMap<String, Trace> em(String... zones) {
        LinkedHashMap<String, Trace> t = new LinkedHashMap<>();
        for (String z : zones) {
            t.put(z, Trace.read(z, traces.resolve(z + "_2023_hourly.csv"), TraceCsv.Column.LCA));
        }
        return t;
    }

    private void savings(List<SimJob> itp) {
        md.append("## Savings on the ITP trace (no capacity limit)\n\n| slack | jobs | zones | forecast | run-at-once kg | "
                + "optimum saving | SDK rule saving | SDK % of opt. | greenwindow saving | greenwindow % of opt. | "
                + "mean delay h | missed | target | met |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (String slack : List.of("PT12H", "PT24H")) {
            for (boolean interruptible : List.of(false, true)) {
                for (boolean spatial : List.of(false, true)) {
                    for (double noise : List.of(0.0, 0.05)) {
                        long t0 = System.nanoTime();
                        LinkedHashMap<String, Trace> traces = spatial ? em(EM_ZONES) : em("DE");
                        SimulationSettings s = new SimulationSettings(ANCHOR, Duration.parse(slack), interruptible,
                                PolicyRules.DEFAULT, noise, 1, Map.of(), SimulationSettings.DEFAULT_GPU_POWER_WATTS);
                        SimulationResult r = new Simulator(traces, s).run(itp);
                        if (Double.isNaN(firstRunSeconds)) {
                            firstRunSeconds = (System.nanoTime() - t0) / 1e9;
                        }
                        double target = noise > 0 || interruptible || spatial ? 0.97 : 0.99;
                        SimulationResult.Strategy g = r.strategy(Simulator.GREENWINDOW);
                        SimulationResult.Strategy sdk = r.strategy(Simulator.SDK);
                        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.0f | %s | %s | %s | %s | %s | %.1f | %d | ≥%.0f%% | %s |%n",
                                slack.substring(2).toLowerCase(Locale.ROOT), interruptible ? "interruptible" : "contiguous",
                                spatial ? "DE+GB+CAISO+PJM" : "DE", noise > 0 ? "5% noise" : "perfect", r.baselineKg(),
                                pct(1 - r.optimumKg() / r.baselineKg()), pct(sdk.saving()), pct(sdk.shareOfOptimum()),
                                pct(g.saving()), pct(g.shareOfOptimum()), g.meanDelayHours(), g.deadlinesMissed(),
                                100 * target, g.shareOfOptimum() >= target ? "yes" : "**no**"));
                        if (g.shareOfOptimum() < target) {
                            misses.add(String.format(Locale.ROOT, "slack %s, %s, %s, %s: %s of the optimum's saving (target %.0f%%)",
                                    slack, interruptible ? "interruptible" : "contiguous", spatial ? "4 zones" : "DE",
                                    noise > 0 ? "5% noise" : "perfect", pct(g.shareOfOptimum()), 100 * target));
                        }
                        System.err.println("savings " + slack + " " + interruptible + " " + spatial + " " + noise + " done");
                    }
                }
            }
        }
        md.append("\n");
    }

    /** The share of the optimum's saving with rolling forecasts, median over seeds, with the SDK rule's. */
    private void rolling(List<SimJob> itp) {
        md.append("## Rolling forecasts (no capacity limit)\n\nA new forecast every hour, error growing with lead time ")
                .append("(sd 10% at 24 h); greenwindow re-plans the held jobs at each (stickiness as in the service), the SDK ")
                .append("rule plans each job once at submission on the forecast of that hour. Median (min-max) over seeds 1-")
                .append(seeds).append(".\n\n| slack | jobs | zones | forecast | optimum saving | SDK % of opt. | ")
                .append("greenwindow saving | greenwindow % of opt. | missed | target | met |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (boolean interruptible : List.of(false, true)) {
            for (boolean spatial : List.of(false, true)) {
                for (double error : List.of(0.0, 0.10)) {
                    double[] share = new double[error == 0 ? 1 : seeds];
                    double[] sdk = new double[share.length];
                    double optimumSaving = Double.NaN;
                    double saving = 0;
                    int missed = 0;
                    for (int seed = 1; seed <= share.length; seed++) {
                        SimulationSettings s = new SimulationSettings(ANCHOR, Duration.ofHours(24), interruptible,
                                PolicyRules.DEFAULT, 0, 1, Map.of(), SimulationSettings.DEFAULT_GPU_POWER_WATTS,
                                new RollingForecast(error, seed));
                        SimulationResult r = new Simulator(spatial ? em(EM_ZONES) : em("DE"), s).run(itp);
                        SimulationResult.Strategy g = r.strategy(Simulator.GREENWINDOW);
                        share[seed - 1] = g.shareOfOptimum();
                        sdk[seed - 1] = r.strategy(Simulator.SDK).shareOfOptimum();
                        optimumSaving = 1 - r.optimumKg() / r.baselineKg();
                        saving += g.saving() / share.length;
                        missed = Math.max(missed, g.deadlinesMissed());
                        System.err.println("rolling " + interruptible + " " + spatial + " " + error + " seed " + seed + " done");
                    }
                    double median = median(share);
                    // Exact re-planned forecasts: the targets of the perfect-forecast rows above.
                    double target = error == 0 ? (interruptible || spatial ? 0.97 : 0.99) : 0.95;
                    String forecast = error == 0 ? "rolling 0% (re-planned, exact)" : "rolling 10%";
                    md.append(String.format(Locale.ROOT, "| 24h | %s | %s | %s | %s | %s | %s | %s | %d | ≥%.0f%% | %s |%n",
                            interruptible ? "interruptible" : "contiguous", spatial ? "DE+GB+CAISO+PJM" : "DE", forecast,
                            pct(optimumSaving), spread(sdk), pct(saving), spread(share), missed, 100 * target,
                            median >= target ? "yes" : "**no**"));
                    if (median < target) {
                        misses.add(String.format(Locale.ROOT, "slack 24 h, %s, %s, %s: %s of the optimum's saving (median; target %.0f%%)",
                                interruptible ? "interruptible" : "contiguous", spatial ? "4 zones" : "DE", forecast,
                                pct(median), 100 * target));
                    }
                }
            }
        }
        md.append("\n");
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String spread(double[] values) {
        if (values.length == 1) {
            return pct(values[0]);
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return pct(median(v)) + " (" + pct(v[0]) + "-" + pct(v[v.length - 1]) + ")";
    }

    private void capacity(List<SimJob> itp) {
        int peak = peakDemand(itp);
        md.append("## With a GPU capacity limit (slack 24 h)\n\nCapacity of DE = ").append(peak)
                .append(" GPUs, the peak demand of running every job at once (in the 4-zone rows the other zones get a ")
                .append("quarter of that each). The LP bound is the Lagrangian dual of the ")
                .append("LP relaxation (jobs × hourly intervals, GPU-seconds per interval within capacity), a provable ")
                .append("lower bound on the emissions of any schedule that meets every deadline within capacity.\n\n")
                .append("For contiguous jobs the LP relaxation may split a job, so it can lie far below anything contiguous; ")
                .append("the clairvoyant contiguous optimum without capacity is a lower bound too, and the larger of the two ")
                .append("(\"best bound\") is the one to reach. Rolling 10%: seed 1.\n\n")
                .append("| jobs | forecast | run-at-once kg | LP bound kg | optimum (no capacity) kg | greenwindow kg | greenwindow saving | ")
                .append("% of LP-bound saving | % of best-bound saving | SDK rule % of best-bound saving | missed | target | met |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        Map<String, Integer> spread = new LinkedHashMap<>();
        spread.put("DE", peak);
        for (int i = 1; i < EM_ZONES.length; i++) {
            spread.put(EM_ZONES[i], peak / 4);
        }
        for (int row = 0; row < 3; row++) {
            for (boolean rolling : List.of(false, true)) {
                boolean interruptible = row > 0;
                boolean spatial = row == 2;
                SimulationSettings s = new SimulationSettings(ANCHOR, Duration.ofHours(24), interruptible, PolicyRules.DEFAULT,
                        0, 1, spatial ? spread : Map.of("DE", peak), SimulationSettings.DEFAULT_GPU_POWER_WATTS,
                        rolling ? new RollingForecast(0.10, 1) : null);
                SimulationResult r = new Simulator(spatial ? em(EM_ZONES) : em("DE"), s).run(itp);
                SimulationResult.Strategy g = r.strategy(Simulator.GREENWINDOW);
                double base = r.baselineKg();
                double bound = r.lpBoundKg() == null ? r.optimumKg() : Math.max(r.lpBoundKg(), r.optimumKg());
                double share = (base - g.emissionsKg()) / (base - bound);
                double lpShare = r.lpBoundKg() == null ? Double.NaN : (base - g.emissionsKg()) / (base - r.lpBoundKg());
                double sdkShare = (base - r.strategy(Simulator.SDK).emissionsKg()) / (base - bound);
                String jobs = (interruptible ? "interruptible" : "contiguous") + (spatial ? ", 4 zones (DE " + peak
                        + ", others " + peak / 4 + " GPUs)" : "");
                String forecast = rolling ? "rolling 10%" : "perfect";
                md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %s | %.0f | %.0f | %s | %s | %s | %s | %d | ≥95%% | %s |%n",
                        jobs, forecast, base,
                        r.lpBoundKg() == null ? "n/a" : String.format(Locale.ROOT, "%.0f", r.lpBoundKg()), r.optimumKg(),
                        g.emissionsKg(), pct(g.saving()), pct(lpShare), pct(share), pct(sdkShare), g.deadlinesMissed(),
                        share >= 0.95 ? "yes" : "**no**"));
                if (share < 0.95) {
                    misses.add(String.format(Locale.ROOT, "capacity %d GPUs in DE, %s, %s: %s of the best bound's saving "
                            + "(target 95%%)", peak, jobs, forecast, pct(share)));
                }
                System.err.println("capacity " + row + " " + rolling + " done");
            }
        }
        md.append("\n");
    }

    private void letsWaitAwhile() {
        Map<String, String> files = Map.of("DE", "ger_ci.csv", "GB", "gb_ci.csv", "FR", "fr_ci.csv");
        Map<String, Double> published = Map.of("DE", 0.059, "GB", 0.066, "FR", 0.048);
        Instant anchor = Instant.parse("2020-01-01T00:00:00Z");
        List<SimJob> jobs = NextWorkdayJobs.generate(anchor, 1);
        md.append("## Let's Wait Awhile's ML scenario on its own 2020 traces\n\n").append(NextWorkdayJobs.JOBS)
                .append(" jobs of 4-90 h submitted on 2020 workdays 09:00-17:00, due by the next workday 09:00 (our ")
                .append("reconstruction of their scenario II; same distribution, our own random draws), contiguous, ")
                .append("one zone. Published: the paper's savings with 5% forecast error (next-workday deadlines), as ")
                .append("quoted in issue 4. Traces read from `lets-wait-awhile-2020/` (evaluation only, not copied).\n\n")
                .append("| region | forecast | optimum saving | SDK rule saving | greenwindow saving | greenwindow % of opt. | published (5% error) |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (String region : List.of("DE", "GB", "FR")) {
            LinkedHashMap<String, Trace> t = new LinkedHashMap<>();
            t.put(region, Trace.read(region, carbon.resolve("lets-wait-awhile-2020/" + files.get(region)), TraceCsv.Column.LCA));
            for (double noise : List.of(0.0, 0.05)) {
                SimulationSettings s = new SimulationSettings(anchor, Duration.ZERO, false, PolicyRules.DEFAULT, noise, 1,
                        Map.of(), SimulationSettings.DEFAULT_GPU_POWER_WATTS);
                SimulationResult r = new Simulator(t, s).run(jobs);
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", region,
                        noise > 0 ? "5% noise" : "perfect", pct(1 - r.optimumKg() / r.baselineKg()),
                        pct(r.strategy(Simulator.SDK).saving()), pct(r.strategy(Simulator.GREENWINDOW).saving()),
                        pct(r.strategy(Simulator.GREENWINDOW).shareOfOptimum()), pct(published.get(region))));
                System.err.println("lwa " + region + " " + noise + " done");
            }
        }
        md.append("\n");
    }

    private void speed(List<SimJob> itp) {
        List<Trace> three = new ArrayList<>(em("DE", "GB", "US-CAL-CISO").values());
        md.append("## Speed (median of ").append(runs).append(" runs after ").append(PlannerSpeed.WARMUPS).append(" warm-up runs)\n\n")
                .append("Re-plan: `JobPlanner.replan` of N held jobs (10 min to 12 h, a quarter interruptible, 3 zones each) ")
                .append("on 5-minute forecasts (hourly Electricity Maps values interpolated) over H hours; ")
                .append("every job's current plan is passed in, as the service does. The JIT is warmed on the 10,000-job ")
                .append("case first.\n\n| held jobs | horizon | zones × steps | median s | target |\n|---|---|---|---|---|\n");
        PlannerSpeed.medianReplanSeconds(three, ANCHOR, 10000, 72, 1, 2); // warms the JIT for every case below
        int[][] cases = {{1250, 72}, {2500, 72}, {5000, 72}, {10000, 72}, {20000, 72}, {10000, 24}, {10000, 144}};
        for (int[] c : cases) {
            double sec = PlannerSpeed.medianReplanSeconds(three, ANCHOR, c[0], c[1], runs, 1);
            md.append(String.format(Locale.ROOT, "| %d | %d h | 3 × %d | %.3f | %s |%n", c[0], c[1], c[1] * 12, sec,
                    c[0] == 10000 && c[1] == 72 ? (sec < 1 ? "< 1 s: yes" : "< 1 s: **no**") : ""));
            System.err.println("speed " + c[0] + " " + c[1] + " done");
        }
        double[] sim = new double[Math.max(1, runs / 2 + 1)];
        for (int i = 0; i < sim.length; i++) {
            long t0 = System.nanoTime();
            new Simulator(em("DE"), new SimulationSettings(ANCHOR, Duration.ofHours(24), null, PolicyRules.DEFAULT, 0, 1,
                    Map.of(), SimulationSettings.DEFAULT_GPU_POWER_WATTS)).run(itp);
            sim[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(sim);
        md.append(String.format(Locale.ROOT, "%nSimulate the %d-job trace over its 60 days (DE, slack 24 h; three strategies "
                + "replayed plus the optimum, traces already read): median %.2f s of %d runs (target < 30 s: %s).%n%n",
                itp.size(), sim[sim.length / 2], sim.length, sim[sim.length / 2] < 30 ? "yes" : "**no**"));
        if (!Double.isNaN(firstRunSeconds)) {
            md.append(String.format(Locale.ROOT, "The first simulation in a fresh JVM (cold JIT, reading the DE trace) took "
                    + "%.2f s. Times on this shared machine vary with the other work on it (see the load average above).%n%n",
                    firstRunSeconds));
        }
    }

    private static int peakDemand(List<SimJob> jobs) {
        List<long[]> events = new ArrayList<>();
        for (SimJob j : jobs) {
            events.add(new long[] {j.submit(), j.gpus()});
            events.add(new long[] {j.submit() + j.duration(), -j.gpus()});
        }
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int running = 0;
        int peak = 0;
        for (long[] e : events) {
            running += (int) e[1];
            peak = Math.max(peak, running);
        }
        return peak;
    }

    private static String pct(double f) {
        return Double.isFinite(f) ? String.format(Locale.ROOT, "%.1f%%", 100 * f) : "n/a";
    }
}
