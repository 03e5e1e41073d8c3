package io.greenwindow.cli;

import io.greenwindow.grid.replay.TraceCsv;
import io.greenwindow.plan.sim.JobTraceReader;
import io.greenwindow.plan.sim.ReportWriter;
import io.greenwindow.plan.sim.RollingForecast;
import io.greenwindow.plan.sim.SimJob;
import io.greenwindow.plan.sim.SimulationInputException;
import io.greenwindow.plan.sim.SimulationResult;
import io.greenwindow.plan.sim.SimulationSettings;
import io.greenwindow.plan.sim.Simulator;
import io.greenwindow.plan.sim.Trace;
import io.greenwindow.policy.PolicyJson;
import io.greenwindow.policy.PolicyRules;
import io.greenwindow.web.SimulationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code greenwindow simulate}: what would a policy have saved on recorded traces? */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Replay a job trace over recorded carbon-intensity traces with the planner, and score it "
                + "against running at once and the clairvoyant optimum.")
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--trace", required = true, paramLabel = "ZONE=FILE",
            description = "Electricity Maps CSV or time,value CSV; repeat for more zones. The first is the home zone.")
    List<String> traces;

    @Option(names = "--jobs", required = true, paramLabel = "FILE",
            description = "CSV: job_id,submit_time_s,duration_s,gpus[,deadline_s][,interruptible]")
    Path jobs;

    @Option(names = "--anchor", required = true, paramLabel = "INSTANT", description = "The instant of submit_time_s = 0.")
    String anchor;

    @Option(names = "--slack", defaultValue = "PT24H", description = "deadline = submit + duration + slack (default ${DEFAULT-VALUE}).")
    String slack;

    @Option(names = "--interruptible", arity = "1", paramLabel = "true|false", description = "Override every job's own flag.")
    Boolean interruptible;

    @Option(names = "--policy", defaultValue = Simulator.GREENWINDOW,
            description = "Whose segments go to segments.csv: greenwindow, carbon-aware-sdk or run-at-once (default ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--rules", paramLabel = "FILE", description = "Policy rules (JSON, as PUT /api/policies/NAME) for greenwindow.")
    Path rules;

    @Option(names = "--forecast", defaultValue = "perfect", description = "perfect, noise:0.05[:SEED] (white noise, σ as a "
            + "fraction of the trace mean) or rolling:0.10[:SEED] (a new forecast every hour, relative error AR(1) over "
            + "lead time with this σ at 24 h; held jobs re-planned at each).")
    String forecast;

    @Option(names = "--capacity", paramLabel = "ZONE=GPUS", description = "GPUs of a zone; repeat per zone. Default unlimited.")
    List<String> capacity;

    @Option(names = "--signal", defaultValue = "lca", description = "lca or direct column of Electricity Maps CSVs (default ${DEFAULT-VALUE}).")
    String signal;

    @Option(names = "--gpu-power-w", defaultValue = "300", description = "Power per GPU in W (scales emissions, not savings).")
    double gpuPowerWatts;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for segments.csv, summary.json, report.html.")
    Path out;

    @Override
    public Integer call() {
        try {
            LinkedHashMap<String, Trace> t = readTraces(traces, signal);
            List<SimJob> j = JobTraceReader.read(jobs);
            SimulationSettings settings = settings(anchor, slack, interruptible, readRules(rules), forecast, capacity, gpuPowerWatts);
            SimulationResult result = new Simulator(t, settings).run(j);
            if (result.strategies().stream().noneMatch(s -> s.name().equals(policy))) {
                throw new CliException("--policy '" + policy + "' is not one of greenwindow, carbon-aware-sdk, run-at-once");
            }
            Map<String, Object> inputs = inputs(settings);
            ReportWriter.write(out, result, policy, t, inputs, SimulationReport.render(result, policy, t, inputs));
            SimulationResult.Strategy chosen = result.strategy(policy);
            System.out.printf(Locale.ROOT, "%d jobs: %s emits %.1f kg vs %.1f kg at once (saving %.1f%%, %.1f%% of the "
                    + "optimum's saving); %d deadlines missed. Wrote %s%n", result.jobs(), policy, chosen.emissionsKg(),
                    result.baselineKg(), 100 * chosen.saving(), 100 * chosen.shareOfOptimum(), chosen.deadlinesMissed(), out);
            return 0;
        } catch (SimulationInputException | IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new CliException(e.getMessage());
        }
    }

    static LinkedHashMap<String, Trace> readTraces(List<String> specs, String signal) {
        TraceCsv.Column column = switch (signal.toLowerCase(Locale.ROOT)) {
            case "lca" -> TraceCsv.Column.LCA;
            case "direct" -> TraceCsv.Column.DIRECT;
            default -> throw new CliException("--signal '" + signal + "' must be lca or direct");
        };
        LinkedHashMap<String, Trace> out = new LinkedHashMap<>();
        for (String spec : specs) {
            String[] kv = pair(spec, "--trace", "ZONE=FILE");
            Path file = Path.of(kv[1]);
            if (!Files.isReadable(file)) {
                throw new CliException("--trace " + spec + ": cannot read " + file);
            }
            out.put(kv[0], Trace.read(kv[0], file, column));
        }
        return out;
    }

    static SimulationSettings settings(String anchor, String slack, Boolean interruptible, PolicyRules rules,
            String forecast, List<String> capacity, double gpuPowerWatts) {
        Instant a;
        Duration s;
        try {
            a = Instant.parse(anchor);
        } catch (DateTimeParseException e) {
            throw new CliException("--anchor '" + anchor + "' is not an ISO-8601 instant such as 2023-03-02T00:00:00Z");
        }
        try {
            s = Duration.parse(slack);
        } catch (DateTimeParseException e) {
            throw new CliException("--slack '" + slack + "' is not an ISO-8601 duration such as PT24H");
        }
        double noise = 0;
        long seed = 1;
        RollingForecast rolling = null;
        if (!forecast.equals("perfect")) {
            String[] parts = forecast.split(":");
            double fraction;
            try {
                if (!(parts[0].equals("noise") || parts[0].equals("rolling")) || parts.length < 2 || parts.length > 3) {
                    throw new NumberFormatException();
                }
                fraction = Double.parseDouble(parts[1]);
                seed = parts.length == 3 ? Long.parseLong(parts[2]) : 1;
            } catch (NumberFormatException e) {
                throw new CliException("--forecast '" + forecast + "' must be perfect, noise:FRACTION[:SEED] or "
                        + "rolling:FRACTION[:SEED], e.g. noise:0.05:7 or rolling:0.10");
            }
            if (!(fraction >= 0 && fraction < 10)) {
                throw new CliException("--forecast '" + forecast + "': the error " + parts[1] + " must be a fraction >= 0 and < 10, e.g. 0.10");
            }
            if (parts[0].equals("rolling")) {
                rolling = new RollingForecast(fraction, seed);
            } else {
                noise = fraction;
            }
        }
        Map<String, Integer> caps = new LinkedHashMap<>();
        for (String c : capacity == null ? List.<String>of() : capacity) {
            String[] kv = pair(c, "--capacity", "ZONE=GPUS");
            try {
                caps.put(kv[0], Integer.parseInt(kv[1]));
            } catch (NumberFormatException e) {
                throw new CliException("--capacity " + c + ": GPUS '" + kv[1] + "' is not a whole number");
            }
        }
        return new SimulationSettings(a, s, interruptible, rules, noise, seed, caps, gpuPowerWatts, rolling);
    }

    static PolicyRules readRules(Path file) {
        if (file == null) {
            return PolicyRules.DEFAULT;
        }
        try {
            return PolicyJson.readUpdate(Files.readString(file));
        } catch (IOException e) {
            throw new CliException("--rules " + file + ": cannot read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliException("--rules " + file + ": " + e.getMessage());
        }
    }

    static Map<String, Object> inputs(SimulationSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("anchor", s.anchor().toString());
        m.put("slack", s.slack().toString());
        m.put("interruptible", s.interruptible() == null ? "per job" : s.interruptible());
        m.put("forecast", s.rolling() != null ? "rolling:" + s.rolling().errorAt24h() + ":" + s.rolling().seed()
                + " (new forecast hourly, AR(1) error over lead time, phi " + RollingForecast.PHI + ")"
                : s.noiseFraction() == 0 ? "perfect" : "noise:" + s.noiseFraction() + ":" + s.noiseSeed());
        m.put("capacity", s.capacity());
        m.put("energyModel", s.gpuPowerWatts() + " W per GPU, constant; a CPU-only job counts as one device");
        return m;
    }

    private static String[] pair(String spec, String option, String shape) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new CliException(option + " '" + spec + "' must look like " + shape);
        }
        return new String[] {spec.substring(0, eq), spec.substring(eq + 1)};
    }
}
