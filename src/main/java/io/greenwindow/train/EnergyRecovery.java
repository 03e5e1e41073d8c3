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

    /** Reports for every unreported segment log in {@code workDir}, marking each as reported. */
    public static List<EnergyReport> unreported(Path workDir, NodeProfile node, Duration binStep) {
        List<EnergyReport> reports = new ArrayList<>();
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
                    reports.add(new EnergyReport(samples.get(0).at(), samples.get(samples.size() - 1).at(),
                            node.name(), node.deviceNames(), node.pue(), node.pueKnown(),
                            EnergyBinner.bin(samples, binStep)));
                }
                markReported(log);
            } catch (IOException e) {
                throw new TrainingFailure("cannot read energy log " + log + ": " + e.getMessage(), e);
            }
        }
        return reports;
    }

    static boolean isUnreported(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(".csv") && !name.endsWith(REPORTED);
    }

    static void markReported(Path log) throws IOException {
        String name = log.getFileName().toString();
        Files.move(log, log.resolveSibling(name.substring(0, name.length() - 4) + REPORTED));
    }
}
