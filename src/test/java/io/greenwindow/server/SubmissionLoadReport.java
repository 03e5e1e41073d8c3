package io.greenwindow.server;

import io.greenwindow.benchmark.MarkedSection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The submission-load figures of several bench runs, their medians, and the section of docs/benchmarks.md they
 * make. The section lives between the markers of {@link #SECTION}; writing it replaces only what lies between them,
 * so the planner's generator (which writes the rest of the file) and this one can both run.
 */
final class SubmissionLoadReport {

    static final MarkedSection SECTION = new MarkedSection("submission-load");

    private final int clients;
    private final int perClient;
    private final List<Run> runs;

    SubmissionLoadReport(int clients, int perClient, List<Run> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("A report needs at least one run");
        }
        this.clients = clients;
        this.perClient = perClient;
        this.runs = List.copyOf(runs);
    }

    /** One run: submissions per second and latency percentiles in milliseconds, with the load average at its start. */
    record Run(double perSecond, double p50, double p95, double p99, double max, double load, double cpuMs) {

        static Run of(List<Long> latencyNanos, double seconds, double load, double cpuMs) {
            List<Long> sorted = new ArrayList<>(latencyNanos);
            Collections.sort(sorted);
            return new Run(sorted.size() / seconds, percentile(sorted, 0.50), percentile(sorted, 0.95),
                    percentile(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6, load, cpuMs);
        }

        String line() {
            return String.format(Locale.ROOT, "%.0f submissions/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms,"
                    + " CPU %.2f ms per submission (load average %.1f)", perSecond, p50, p95, p99, max, cpuMs, load);
        }
    }

    /** The nearest-rank percentile: the smallest latency that at least {@code q} of all are at or under. */
    static double percentile(List<Long> sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))) / 1e6;
    }

    static double median(List<Run> runs, ToDoubleFunction<Run> field) {
        double[] values = runs.stream().mapToDouble(field).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    Run median() {
        return new Run(median(runs, Run::perSecond), median(runs, Run::p50), median(runs, Run::p95),
                median(runs, Run::p99), median(runs, Run::max), median(runs, Run::load), median(runs, Run::cpuMs));
    }

    String medianLine() {
        return "median of " + runs.size() + " runs: " + median().line();
    }

    /** The section, from its heading to its last line, without the markers. */
    String section(ZonedDateTime at) {
        Run m = median();
        StringBuilder s = new StringBuilder();
        s.append("## Submission load\n\n");
        s.append(String.format(Locale.ROOT, "Written by `io.greenwindow.server.SubmissionLoadBench %d %d %d --report "
                + "docs/benchmarks.md` (test scope; run command and set-up in its Javadoc) on %s (%d cores, Java %s). "
                + "Each run starts the service afresh on the embedded default (H2 file with `WRITE_DELAY=0`, replay "
                + "adapters); %d HTTP clients in the same JVM, each with an engineer's bearer token, submit %d iris "
                + "jobs each (deadline P2D, each with its own `Idempotency-Key`) after a warm-up of %d each, once %d "
                + "whole runs that are not reported have compiled the code. Every "
                + "submission is validated, planned under the planning lock against the live capacity of a 64-slot "
                + "DE node, and stored with its plan and release in one transaction. Latency is measured by the "
                + "client, from sending the request to reading the whole answer.%n%n",
                clients, perClient, runs.size(), at.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), clients, perClient,
                SubmissionLoadBench.WARM_UP, SubmissionLoadBench.WARM_UP_RUNS));
        s.append("The machine these figures come from is shared (other builds run beside the bench; the last "
                + "column says how busy it was): the wall-clock figures (rate, latency) move with that load, the "
                + "CPU time per submission (this JVM's process CPU: service, clients, JIT and GC, divided by the "
                + "submissions) less, though it still moved by about a fifth between runs of one build there, so compare builds by it only in runs made side by side.\n\n");
        s.append("| run | submissions/s | p50 ms | p95 ms | p99 ms | max ms | CPU ms per submission | load average at start |\n");
        s.append("|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < runs.size(); i++) {
            s.append(row(Integer.toString(i + 1), runs.get(i)));
        }
        s.append(row("**median of " + runs.size() + "**", m));
        s.append(String.format(Locale.ROOT, "%nGoal: at least 300 submissions/s with p99 under 50 ms: %s.%n",
                m.perSecond() >= 300 && m.p99() < 50 ? "met" : "**not met**"));
        return s.toString();
    }

    private static String row(String label, Run r) {
        return String.format(Locale.ROOT, "| %s | %.0f | %.1f | %.1f | %.1f | %.1f | %.2f | %.1f |%n", label,
                r.perSecond(), r.p50(), r.p95(), r.p99(), r.max(), r.cpuMs(), r.load());
    }

    /** Replaces what lies between the markers of {@code file} with this report; appends them when absent. */
    void writeInto(Path file) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "";
        Files.writeString(file, SECTION.replaceIn(text, section(ZonedDateTime.now(ZoneOffset.UTC))));
    }

    /** The one-minute load average of this machine, or NaN where /proc/loadavg is absent. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
