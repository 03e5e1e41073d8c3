package io.greenwindow.plan.sim;

import io.greenwindow.benchmark.MarkedSection;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The planner's benchmark, a developer's tool kept out of the product jar (test scope): savings on the real
 * traces against the clairvoyant optimum (computed by {@link ClairvoyantOptimum}, which shares no code with the
 * planner), the Carbon Aware SDK rule, rolling forecasts, a GPU capacity with its LP bound, the published Let's
 * Wait Awhile figures, and speed; writes {@code docs/benchmarks.md}, one marked section per part, so that a run of
 * some parts ({@code --sections}) replaces only theirs. Independent simulations run side by side ({@code --threads}).
 * Traces are read where they lie; nothing is copied into the project. Run from the project root:
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

    @Option(names = "--seeds", defaultValue = "10", description = "Seeds per rolling-forecast figure (the median is reported).")
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

    @Option(names = "--threads", description = "Simulations run at once (default: the machine's cores). The speed "
            + "section always runs alone.")
    int threads = Runtime.getRuntime().availableProcessors();

    private double firstRunSeconds = Double.NaN;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        List<SimJob> itp = JobTraceReader.read(jobs);
        Map<String, String> written = new LinkedHashMap<>();
        for (String part : PARTS) {
            if (!sections.contains(part)) {
                continue;
            }
            long t0 = System.nanoTime();
            String stamp = stamp(part.equals("speed") ? 1 : threads);
            String body = switch (part) {
                case "savings" -> savings(itp);
                case "rolling" -> rolling(itp);
                case "capacity" -> capacity(itp);
                case "lwa" -> letsWaitAwhile();
                case "speed" -> speed(itp);
                default -> throw new IllegalArgumentException("unknown section " + part);
            };
            written.put(part, body + String.format(Locale.ROOT, "%n_%s; it took %.0f min._%n", stamp,
                    (System.nanoTime() - t0) / 60e9));
            System.err.println("section " + part + " done");
        }
        String old = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
        String md = assemble(old, written);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md, StandardCharsets.UTF_8);
        System.out.println(md);
        return 0;
    }

    /** The sections this tool writes, in the order they appear in the file. */
    static final List<String> PARTS = List.of("savings", "rolling", "capacity", "lwa", "speed");

    static MarkedSection section(String part) {
        return new MarkedSection("planner-" + part);
    }

    /**
     * The whole file: the header, then each section, the one just {@code written} or else the one {@code old} holds
     * (so that a run of some sections keeps the others), then what other benchmarks wrote from {@link #KEPT_FROM} on.
     */
    static String assemble(String old, Map<String, String> written) {
        StringBuilder md = new StringBuilder(HEADER);
        for (String part : PARTS) {
            MarkedSection section = section(part);
            if (written.containsKey(part)) {
                md.append(section.wrap(written.get(part))).append('\n');
            } else {
                section.in(old).ifPresent(kept -> md.append(kept).append('\n'));
            }
        }
        return md.append(keptTail(old)).toString();
    }

    static final String HEADER = "# Planner benchmarks\n\nWritten by `io.greenwindow.plan.sim.Bench` (test scope; run command in "
            + "docs/planner.md), one section at a time: each section says when, at which commit and on how busy a "
            + "machine it was made. Carbon intensity data: Electricity Maps (2023 hourly, LCA, ODbL). Jobs: Microsoft "
            + "ITP trace subset (5,407 jobs, MIT), anchored at " + ANCHOR + ". Savings are against running every job at "
            + "once in DE; \"% of optimum\" is the saving as a share of the clairvoyant optimum's (perfect foresight, "
            + "no capacity limit, no pause cost, greenest zone per job), computed apart from the planner (every "
            + "whole-second start of every contiguous job tried; interruptible: the cheapest seconds by price level). "
            + "\"5% noise\": Gaussian, σ = 5% of the trace mean, independent per hour, seed 1, the job planned once. "
            + "\"rolling 10%\": a new forecast every hour, relative error AR(1) over lead time (φ = 0.95 per hour, sd "
            + "10% at 24 h, 0 at lead 0), held jobs and the rest of started interruptible ones re-planned at each; "
            + "median over seeds.\n\n"
            + "Where a target is not met, the section says so below its table. Why, as far as measured "
            + "(docs/planner.md has the figures): interruptible jobs pay for their pauses (resume overhead, minimum "
            + "segment), which the optimum gets free; white noise reorders the cheapest single hours, which a window's "
            + "average smooths. Rolling forecasts: every plan is made on a forecast whose error grows with lead time "
            + "and is correlated over many hours (φ = 0.95), so the later hours a plan waits for are often less green "
            + "than forecast, and what has run cannot be undone; re-planning at every forecast recovers part of it.\n\n";

    /** Where sections written by other benchmarks begin; from this line on, the file is theirs and kept as it is. */
    static final String KEPT_FROM = "<!-- submission-load:begin -->";

    /** What {@code file} holds from the line {@link #KEPT_FROM} onwards, or nothing (no file, or no such line). */
    static String keptTail(Path file) throws IOException {
        return Files.exists(file) ? keptTail(Files.readString(file, StandardCharsets.UTF_8)) : "";
    }

    static String keptTail(String text) {
        int at = text.startsWith(KEPT_FROM) ? 0 : text.indexOf("\n" + KEPT_FROM);
        return at < 0 ? "" : text.substring(at == 0 ? 0 : at + 1);
    }

    /** When, at which commit and how busy: the figures of a shared machine mean little without it. */
    private static String stamp(int atOnce) {
        return String.format(Locale.ROOT, "Made on %s UTC at commit %s (%d cores, Java %s, %d simulation(s) at once, "
                + "load average %.1f at start)", java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).withNano(0)
                .toString().replace('T', ' '), commit(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), atOnce,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 && !out.isEmpty() ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Runs {@code tasks} on {@link #threads} threads; results in the tasks' order. */
    private <T> List<T> inParallel(List<Callable<T>> tasks) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(tasks)) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a simulation failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private LinkedHashMap<String, Trace> em(String... zones) {
        LinkedHashMap<String, Trace> t = new LinkedHashMap<>();
        for (String z : zones) {
            t.put(z, Trace.read(z, traces.resolve(z + "_2023_hourly.csv"), TraceCsv.Column.LCA));
        }
        return t;
    }

    private String savings(List<SimJob> itp) {
        StringBuilder md = new StringBuilder("## Savings on the ITP trace (no capacity limit)\n\n| slack | jobs | zones | "
                + "forecast | run-at-once kg | optimum saving | SDK rule saving | SDK % of opt. | greenwindow saving | "
                + "greenwindow % of opt. | mean delay h | missed | target | met |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        record Case(String slack, boolean interruptible, boolean spatial, double noise) { }
        List<Case> cases = new ArrayList<>();
        for (String slack : List.of("PT12H", "PT24H")) {
            for (boolean interruptible : List.of(false, true)) {
                for (boolean spatial : List.of(false, true)) {
                    for (double noise : List.of(0.0, 0.05)) {
                        cases.add(new Case(slack, interruptible, spatial, noise));
                    }
                }
            }
        }
        List<Callable<SimulationResult>> runs = new ArrayList<>();
        for (Case c : cases) {
            runs.add(() -> {
                SimulationSettings s = new SimulationSettings(ANCHOR, Duration.parse(c.slack()), c.interruptible(),
                        PolicyRules.DEFAULT, c.noise(), 1, Map.of(), SimulationSettings.DEFAULT_GPU_POWER_WATTS);
                SimulationResult r = new Simulator(c.spatial() ? em(EM_ZONES) : em("DE"), s).run(itp);
                System.err.println("savings " + c + " done");
                return r;
            });
        }
        // The first case alone, in a fresh JVM: its time is the cold-start figure the speed section reports.
        long t0 = System.nanoTime();
        List<SimulationResult> results = new ArrayList<>(inParallel(runs.subList(0, 1)));
        firstRunSeconds = (System.nanoTime() - t0) / 1e9;
        results.addAll(inParallel(runs.subList(1, runs.size())));
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            SimulationResult r = results.get(i);
            double target = c.noise() > 0 || c.interruptible() || c.spatial() ? 0.97 : 0.99;
            SimulationResult.Strategy g = r.strategy(Simulator.GREENWINDOW);
            SimulationResult.Strategy sdk = r.strategy(Simulator.SDK);
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.0f | %s | %s | %s | %s | %s | %.1f | %d | ≥%.0f%% | %s |%n",
                    c.slack().substring(2).toLowerCase(Locale.ROOT), jobsWord(c.interruptible()), zonesWord(c.spatial()),
                    c.noise() > 0 ? "5% noise" : "perfect", r.baselineKg(), pct(1 - r.optimumKg() / r.baselineKg()),
                    pct(sdk.saving()), pct(sdk.shareOfOptimum()), pct(g.saving()), pct(g.shareOfOptimum()),
                    g.meanDelayHours(), g.deadlinesMissed(), 100 * target, g.shareOfOptimum() >= target ? "yes" : "**no**"));
            if (g.shareOfOptimum() < target) {
                misses.add(String.format(Locale.ROOT, "slack %s, %s, %s, %s: %s of the optimum's saving (target %.0f%%)",
                        c.slack(), jobsWord(c.interruptible()), c.spatial() ? "4 zones" : "DE",
                        c.noise() > 0 ? "5% noise" : "perfect", pct(g.shareOfOptimum()), 100 * target));
            }
        }
        return md.append(notMet(misses)).toString();
    }

    /** The share of the optimum's saving with rolling forecasts, median over seeds, with the SDK rule's. */
    private String rolling(List<SimJob> itp) {
        StringBuilder md = new StringBuilder("## Rolling forecasts (no capacity limit)\n\nA new forecast every hour, "
                + "error growing with lead time (sd 10% at 24 h); greenwindow re-plans the held jobs, and the rest of "
                + "started interruptible ones, at each (stickiness as in the service), the SDK rule plans each job once "
                + "at submission on the forecast of that hour. Median (min-max) over seeds 1-" + seeds + ".\n\n"
                + "| slack | jobs | zones | forecast | optimum saving | SDK % of opt. | greenwindow saving | "
                + "greenwindow % of opt. | missed | target | met |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        record Case(boolean interruptible, boolean spatial, double error, int seed) { }
        List<Case> cases = new ArrayList<>();
        for (boolean interruptible : List.of(false, true)) {
            for (boolean spatial : List.of(false, true)) {
                for (double error : List.of(0.0, 0.10)) {
                    for (int seed = 1; seed <= (error == 0 ? 1 : seeds); seed++) {
                        cases.add(new Case(interruptible, spatial, error, seed));
                    }
                }
            }
        }
        List<Callable<SimulationResult>> runs = new ArrayList<>();
        for (Case c : cases) {
            runs.add(() -> {
                SimulationSettings s = new SimulationSettings(ANCHOR, Duration.ofHours(24), c.interruptible(),
                        PolicyRules.DEFAULT, 0, 1, Map.of(), SimulationSettings.DEFAULT_GPU_POWER_WATTS,
                        new RollingForecast(c.error(), c.seed()));
                SimulationResult r = new Simulator(c.spatial() ? em(EM_ZONES) : em("DE"), s).run(itp);
                System.err.println("rolling " + c + " done");
                return r;
            });
        }
        List<SimulationResult> results = inParallel(runs);
        List<String> misses = new ArrayList<>();
        for (int first = 0; first < cases.size(); ) {
            Case c = cases.get(first);
            int n = c.error() == 0 ? 1 : seeds;
            double[] share = new double[n];
            double[] sdk = new double[n];
            double saving = 0;
            int missed = 0;
            for (int i = 0; i < n; i++) {
                SimulationResult.Strategy g = results.get(first + i).strategy(Simulator.GREENWINDOW);
                share[i] = g.shareOfOptimum();
                sdk[i] = results.get(first + i).strategy(Simulator.SDK).shareOfOptimum();
                saving += g.saving() / n;
                missed = Math.max(missed, g.deadlinesMissed());
            }
            SimulationResult any = results.get(first);
            double median = median(share);
            // Exact re-planned forecasts: the targets of the perfect-forecast rows of the savings section.
            double target = c.error() == 0 ? (c.interruptible() || c.spatial() ? 0.97 : 0.99) : 0.95;
            String forecast = c.error() == 0 ? "rolling 0% (re-planned, exact)" : "rolling 10%";
            md.append(String.format(Locale.ROOT, "| 24h | %s | %s | %s | %s | %s | %s | %s | %d | ≥%.0f%% | %s |%n",
                    jobsWord(c.interruptible()), zonesWord(c.spatial()), forecast,
                    pct(1 - any.optimumKg() / any.baselineKg()), spread(sdk), pct(saving), spread(share), missed,
                    100 * target, median >= target ? "yes" : "**no**"));
            if (median < target) {
                misses.add(String.format(Locale.ROOT, "slack 24 h, %s, %s, %s: %s of the optimum's saving (median; target %.0f%%)",
                        jobsWord(c.interruptible()), c.spatial() ? "4 zones" : "DE", forecast, pct(median), 100 * target));
            }
            first += n;
        }
        return md.append(notMet(misses)).toString();
    }

    private static String jobsWord(boolean interruptible) {
        return interruptible ? "interruptible" : "contiguous";
    }

    private static String zonesWord(boolean spatial) {
        return spatial ? "DE+GB+CAISO+PJM" : "DE";
    }

    private static String notMet(List<String> misses) {
        StringBuilder md = new StringBuilder();
        if (!misses.isEmpty()) {
            md.append("\nNot met here:\n");
            misses.forEach(m -> md.append("- ").append(m).append('\n'));
        }
        return md.toString();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The index of the run whose value is the median (the lower middle one for an even count). */
    private static int medianIndex(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        return order[(values.length - 1) / 2];
    }

    private static String spread(double[] values) {
        if (values.length == 1) {
            return pct(values[0]);
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return pct(median(v)) + " (" + pct(v[0]) + "-" + pct(v[v.length - 1]) + ")";
    }

    private String capacity(List<SimJob> itp) {
        int peak = peakDemand(itp);
        StringBuilder md = new StringBuilder("## With a GPU capacity limit (slack 24 h)\n\nCapacity of DE = ").append(peak)
                .append(" GPUs, the peak demand of running every job at once (in the 4-zone rows the other zones get a ")
                .append("quarter of that each). The LP bound is the Lagrangian dual of the ")
                .append("LP relaxation (jobs × hourly intervals, GPU-seconds per interval within capacity), a provable ")
                .append("lower bound on the emissions of any schedule that meets every deadline within capacity.\n\n")
                .append("For contiguous jobs the LP relaxation may split a job, so it can lie far below anything contiguous; ")
                .append("the clairvoyant contiguous optimum without capacity is a lower bound too, and the larger of the two ")
                .append("(\"best bound\") is the one to reach. Rolling 10%: median (min-max) over seeds 1-").append(seeds)
                .append(" of the shares; the kg columns are those of the median seed's run, \"missed\" the most of any ")
                .append("seed.\n\n")
                .append("| jobs | forecast | run-at-once kg | LP bound kg | optimum (no capacity) kg | greenwindow kg | greenwindow saving | ")
                .append("% of LP-bound saving | % of best-bound saving | SDK rule % of best-bound saving | missed | target | met |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        Map<String, Integer> spread = new LinkedHashMap<>();
        spread.put("DE", peak);
        for (int i = 1; i < EM_ZONES.length; i++) {
            spread.put(EM_ZONES[i], peak / 4);
        }
        record Case(int row, boolean rolling, int seed) {
            boolean interruptible() {
                return row > 0;
            }

            boolean spatial() {
                return row == 2;
            }
        }
        List<Case> cases = new ArrayList<>();
        for (int row = 0; row < 3; row++) {
            cases.add(new Case(row, false, 1));
            for (int seed = 1; seed <= seeds; seed++) {
                cases.add(new Case(row, true, seed));
            }
        }
        List<Callable<SimulationResult>> runs = new ArrayList<>();
        for (Case c : cases) {
            runs.add(() -> {
                SimulationSettings s = new SimulationSettings(ANCHOR, Duration.ofHours(24), c.interruptible(),
                        PolicyRules.DEFAULT, 0, 1, c.spatial() ? spread : Map.of("DE", peak),
                        SimulationSettings.DEFAULT_GPU_POWER_WATTS, c.rolling() ? new RollingForecast(0.10, c.seed()) : null);
                SimulationResult r = new Simulator(c.spatial() ? em(EM_ZONES) : em("DE"), s).run(itp);
                System.err.println("capacity " + c + " done");
                return r;
            });
        }
        List<SimulationResult> results = inParallel(runs);
        List<String> misses = new ArrayList<>();
        for (int first = 0; first < cases.size(); ) {
            Case c = cases.get(first);
            int n = c.rolling() ? seeds : 1;
            double[] share = new double[n];
            double[] lpShare = new double[n];
            double[] sdkShare = new double[n];
            int missed = 0;
            for (int i = 0; i < n; i++) {
                SimulationResult r = results.get(first + i);
                double base = r.baselineKg();
                double bound = r.lpBoundKg() == null ? r.optimumKg() : Math.max(r.lpBoundKg(), r.optimumKg());
                share[i] = (base - r.strategy(Simulator.GREENWINDOW).emissionsKg()) / (base - bound);
                lpShare[i] = r.lpBoundKg() == null ? Double.NaN
                        : (base - r.strategy(Simulator.GREENWINDOW).emissionsKg()) / (base - r.lpBoundKg());
                sdkShare[i] = (base - r.strategy(Simulator.SDK).emissionsKg()) / (base - bound);
                missed = Math.max(missed, r.strategy(Simulator.GREENWINDOW).deadlinesMissed());
            }
            SimulationResult m = results.get(first + medianIndex(share));
            SimulationResult.Strategy g = m.strategy(Simulator.GREENWINDOW);
            double median = median(share);
            String jobs = jobsWord(c.interruptible()) + (c.spatial() ? ", 4 zones (DE " + peak + ", others " + peak / 4
                    + " GPUs)" : "");
            String forecast = c.rolling() ? "rolling 10%" : "perfect";
            md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %s | %.0f | %.0f | %s | %s | %s | %s | %d | ≥95%% | %s |%n",
                    jobs, forecast, m.baselineKg(),
                    m.lpBoundKg() == null ? "n/a" : String.format(Locale.ROOT, "%.0f", m.lpBoundKg()), m.optimumKg(),
                    g.emissionsKg(), pct(g.saving()), spread(lpShare), spread(share), spread(sdkShare), missed,
                    median >= 0.95 ? "yes" : "**no**"));
            if (median < 0.95) {
                misses.add(String.format(Locale.ROOT, "capacity %d GPUs in DE, %s, %s: %s of the best bound's saving "
                        + "(target 95%%)", peak, jobs, forecast, pct(median)));
            }
            first += n;
        }
        return md.append(notMet(misses)).toString();
    }

    private String letsWaitAwhile() {
        Map<String, String> files = Map.of("DE", "ger_ci.csv", "GB", "gb_ci.csv", "FR", "fr_ci.csv");
        Map<String, Double> published = Map.of("DE", 0.059, "GB", 0.066, "FR", 0.048);
        Instant anchor = Instant.parse("2020-01-01T00:00:00Z");
        List<SimJob> jobs = NextWorkdayJobs.generate(anchor, 1);
        StringBuilder md = new StringBuilder("## Let's Wait Awhile's ML scenario on its own 2020 traces\n\n").append(NextWorkdayJobs.JOBS)
                .append(" jobs of 4-90 h submitted on 2020 workdays 09:00-17:00, due by the next workday 09:00 (our ")
                .append("reconstruction of their scenario II; same distribution, our own random draws), contiguous, ")
                .append("one zone. Published: the paper's savings with 5% forecast error (next-workday deadlines), as ")
                .append("quoted in issue 4. Traces read from `lets-wait-awhile-2020/` (evaluation only, not copied).\n\n")
                .append("| region | forecast | optimum saving | SDK rule saving | greenwindow saving | greenwindow % of opt. | published (5% error) |\n")
                .append("|---|---|---|---|---|---|---|\n");
        List<String> regions = List.of("DE", "GB", "FR");
        List<Double> noises = List.of(0.0, 0.05);
        List<Callable<SimulationResult>> runs = new ArrayList<>();
        for (String region : regions) {
            for (double noise : noises) {
                runs.add(() -> {
                    LinkedHashMap<String, Trace> t = new LinkedHashMap<>();
                    t.put(region, Trace.read(region, carbon.resolve("lets-wait-awhile-2020/" + files.get(region)),
                            TraceCsv.Column.LCA));
                    SimulationSettings s = new SimulationSettings(anchor, Duration.ZERO, false, PolicyRules.DEFAULT, noise,
                            1, Map.of(), SimulationSettings.DEFAULT_GPU_POWER_WATTS);
                    SimulationResult r = new Simulator(t, s).run(jobs);
                    System.err.println("lwa " + region + " " + noise + " done");
                    return r;
                });
            }
        }
        List<SimulationResult> results = inParallel(runs);
        int i = 0;
        for (String region : regions) {
            for (double noise : noises) {
                SimulationResult r = results.get(i++);
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", region,
                        noise > 0 ? "5% noise" : "perfect", pct(1 - r.optimumKg() / r.baselineKg()),
                        pct(r.strategy(Simulator.SDK).saving()), pct(r.strategy(Simulator.GREENWINDOW).saving()),
                        pct(r.strategy(Simulator.GREENWINDOW).shareOfOptimum()), pct(published.get(region))));
            }
        }
        return md.toString();
    }

    private String speed(List<SimJob> itp) {
        List<Trace> three = new ArrayList<>(em("DE", "GB", "US-CAL-CISO").values());
        StringBuilder md = new StringBuilder("## Speed (median of ").append(runs).append(" runs after ")
                .append(PlannerSpeed.WARMUPS).append(" warm-up runs, one at a time)\n\n")
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
                + "replayed plus the optimum, traces already read): median %.2f s of %d runs (target < 30 s: %s).%n",
                itp.size(), sim[sim.length / 2], sim.length, sim[sim.length / 2] < 30 ? "yes" : "**no**"));
        if (!Double.isNaN(firstRunSeconds)) {
            md.append(String.format(Locale.ROOT, "%nThe first simulation in a fresh JVM (cold JIT, reading the DE trace; "
                    + "the savings section's first, run alone) took %.2f s.%n", firstRunSeconds));
        }
        md.append("\nTimes on this shared machine vary with the other work on it (see the load average below).\n");
        return md.toString();
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
