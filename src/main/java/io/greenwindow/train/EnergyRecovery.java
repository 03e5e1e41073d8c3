package io.greenwindow.train;

import io.greenwindow.energy.EnergyBinner;
import io.greenwindow.energy.EnergyReport;
import io.greenwindow.energy.EnergySample;
import io.greenwindow.energy.EnergySampleLog;
import io.greenwindow.node.NodeProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The energy of segments whose outcome was never reported because the service died while they ran. Each segment
 * appends its samples to {@code energy-<start millis>.csv} in the job's work dir and the file is renamed to
 * {@code .reported.csv} once its {@link TrainingOutcome} is built; what is left unrenamed after a restart is
 * energy the ledger has not seen, lost up to one sampling interval at the end.
 */
public final class EnergyRecovery {

    static final String PREFIX = "energy-";
    static final String REPORTED = ".reported.csv";

    private EnergyRecovery() {
    }

    /**
     * Reports for every unreported segment log in {@code workDir}, in log order. They stay unreported until
     * {@link #markAllReported} is called once their ledger entries are written, so that a fault in between (a
     * full disk, a crash) loses nothing: the next recovery reports them again.
     */
    public static List<Found> find(Path workDir, NodeProfile node, Duration binStep) {
        return find(workDir, node, binStep, "before the service stopped; the training ran on unmetered until it"
                + " noticed (a lower bound)");
    }

    /**
     * As {@link #find(Path, NodeProfile, Duration)}, for logs left unreported while the service ran on (the ledger
     * or the log could not be written); {@code whyCut} ends the sentence that says a log was cut before its end.
     */
    public static List<Found> find(Path workDir, NodeProfile node, Duration binStep, String whyCut) {
        List<Found> reports = new ArrayList<>();
        if (!Files.isDirectory(workDir)) {
            return reports;
        }
        List<Path> logs;
        try (Stream<Path> files = Files.list(workDir)) {
            logs = files.filter(EnergyRecovery::isUnreported).sorted().toList();
        } catch (IOException e) {
            throw new TrainingFailure("cannot list energy logs in " + workDir + ": " + e.getMessage(), e);
        }
        for (Path log : logs) {
            try {
                List<EnergySample> samples = EnergySampleLog.read(log);
                if (samples.size() >= 2) {
                    Instant last = samples.get(samples.size() - 1).at();
                    // A log that holds its final sample was measured to the end (its ledger write had failed);
                    // one cut by a crash knows the energy only up to its last sample.
                    String incomplete = EnergySampleLog.finished(log) ? null
                            : "energy measured only up to the last sample at " + last + ", " + whyCut;
                    reports.add(new Found(log, new EnergyReport(samples.get(0).at(), last, node.name(),
                            node.deviceNames(), node.pue(), node.pueKnown(), EnergyBinner.bin(samples, binStep),
                            incomplete)));
                }
            } catch (IOException e) {
                throw new TrainingFailure("cannot read energy log " + log + ": " + e.getMessage(), e);
            }
        }
        return reports;
    }

    /** An unreported segment log and the energy it holds. */
    public record Found(Path log, EnergyReport report) {
    }

    /** As {@link #find}, marking each log reported at once (for callers that keep the reports themselves). */
    public static List<EnergyReport> unreported(Path workDir, NodeProfile node, Duration binStep) {
        List<Found> found = find(workDir, node, binStep);
        try {
            markAllReported(workDir);
        } catch (IOException e) {
            throw new TrainingFailure("cannot mark energy logs in " + workDir + " reported: " + e.getMessage(), e);
        }
        return found.stream().map(Found::report).toList();
    }

    /** Marks every segment log in {@code workDir} as reported: their energy is in the ledger. */
    public static void markAllReported(Path workDir) throws IOException {
        if (!Files.isDirectory(workDir)) {
            return;
        }
        List<Path> logs;
        try (Stream<Path> files = Files.list(workDir)) {
            logs = files.filter(EnergyRecovery::isUnreported).toList();
        }
        for (Path log : logs) {
            markReported(log);
        }
    }

    /**
     * The segment a log belongs to: its place among all the segment logs of the work dir (reported or not), in
     * order of their start, since every segment run here opens one log when it starts.
     */
    public static int segmentOf(Path log) throws IOException {
        long start = startOf(log);
        try (Stream<Path> files = Files.list(log.getParent())) {
            return (int) files.filter(f -> f.getFileName().toString().startsWith(PREFIX)
                    && f.getFileName().toString().endsWith(".csv")).mapToLong(EnergyRecovery::startOf)
                    .filter(s -> s >= 0 && s < start).count();
        }
    }

    private static long startOf(Path log) {
        String name = log.getFileName().toString();
        String digits = name.substring(PREFIX.length(), name.indexOf('.'));
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1; // not a segment log (energy-segment-N.json is not a .csv, but be safe)
        }
    }

    static boolean isUnreported(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(".csv") && !name.endsWith(REPORTED);
    }

    public static void markReported(Path log) throws IOException {
        String name = log.getFileName().toString();
        Files.move(log, log.resolveSibling(name.substring(0, name.length() - 4) + REPORTED));
    }
}
