package io.greenwindow.plan.sim;

import io.greenwindow.json.JsonMapping;
import io.greenwindow.plan.PlannedSegment;
import io.greenwindow.plan.sim.SimulationResult.JobRun;
import io.greenwindow.plan.sim.SimulationResult.Strategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a replay's {@code segments.csv}, {@code summary.json} and the given {@code report.html} into one folder. */
public final class ReportWriter {

    public static final String SEGMENTS_HEADER = "job_id,zone,start,end";

    private ReportWriter() {
    }

    /** @param reportHtml the page for {@code report.html}, rendered by the caller (the pages live in {@code web}) */
    public static void write(Path dir, SimulationResult result, String policy, Map<String, Trace> traces,
            Map<String, Object> inputs, String reportHtml) {
        try {
            Files.createDirectories(dir);
            writeSegments(dir.resolve("segments.csv"), result.strategy(policy).runs());
            JsonMapping.json().writerWithDefaultPrettyPrinter()
                    .writeValue(dir.resolve("summary.json").toFile(), summary(result, policy, traces, inputs));
            Files.writeString(dir.resolve("report.html"), reportHtml,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the simulation output to " + dir + ": " + e.getMessage(), e);
        }
    }

    static void writeSegments(Path file, List<JobRun> runs) throws IOException {
        StringBuilder out = new StringBuilder(SEGMENTS_HEADER).append('\n');
        for (JobRun run : runs) {
            for (PlannedSegment s : run.segments()) {
                out.append(Csv.row(run.jobId(), s.zone(), s.start().toString(), s.end().toString()));
            }
        }
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    static Map<String, Object> summary(SimulationResult r, String policy, Map<String, Trace> traces,
            Map<String, Object> inputs) {
        Map<String, Object> m = new LinkedHashMap<>(inputs);
        m.put("segmentsPolicy", policy);
        m.put("jobs", r.jobs());
        m.put("excludedJobs", r.excludedJobs());
        List<Map<String, Object>> t = new ArrayList<>();
        for (Trace trace : traces.values()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("zone", trace.zone());
            e.put("source", trace.source());
            e.put("start", trace.startInstant().toString());
            e.put("end", Instant.ofEpochSecond(trace.end()).toString());
            e.put("stepSeconds", trace.step());
            e.put("filledSlots", trace.filledSlots());
            t.add(e);
        }
        m.put("traces", t);
        m.put("runAtOnceKg", finite(r.baselineKg()));
        m.put("optimumKg", finite(r.optimumKg()));
        m.put("optimumSaving", finite(r.baselineKg() > 0 ? 1 - r.optimumKg() / r.baselineKg() : Double.NaN));
        m.put("optimum", "clairvoyant: perfect foresight, no capacity limit, no pause cost, greenest zone per job");
        m.put("lpBoundKg", r.lpBoundKg() == null ? null : finite(r.lpBoundKg()));
        m.put("lpBoundNote", r.lpBoundNote());
        if (r.lpBoundKg() != null) {
            double base = r.baselineKg();
            Strategy green = r.strategy(Simulator.GREENWINDOW);
            m.put("greenwindowShareOfLpBoundSaving", finite((base - green.emissionsKg()) / (base - r.lpBoundKg())));
        }
        List<Map<String, Object>> policies = new ArrayList<>();
        for (Strategy s : r.strategies()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", s.name());
            e.put("description", s.description());
            e.put("emissionsKg", finite(s.emissionsKg()));
            e.put("savingVsRunAtOnce", finite(s.saving()));
            e.put("shareOfOptimumSaving", finite(s.shareOfOptimum()));
            e.put("meanDelayHours", finite(s.meanDelayHours()));
            e.put("deadlinesMissed", s.deadlinesMissed());
            policies.add(e);
        }
        m.put("policies", policies);
        m.put("notes", r.notes());
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
