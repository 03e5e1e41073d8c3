package io.greenwindow.executor.slurm;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.energy.EnergyReport;
import io.greenwindow.energy.InferenceProbeResult;
import io.greenwindow.train.TrainingOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * How one Slurm run of a job's trainer ended, written by {@link SlurmSegmentMain} on the allocated node into the
 * job's folder in the shared directory and read by the service: the trainer's outcome with its energy (metered on
 * that node), and where it ran (Slurm job id, node, devices Slurm gave it). One file per run, named by the run's
 * start, renamed once the service has accounted it, so a service that was down accounts every run once.
 */
public record SegmentOutcome(String status, String message, String modelFile, EnergyReport energy,
        InferenceProbeResult probe, String backend, String summary, String slurmJobId, String node,
        String gpus) {

    static final String PREFIX = "slurm-outcome-";
    static final String NEW = ".json";
    static final String DONE = ".accounted.json";
    private static final ObjectMapper JSON = JsonMapping.json();

    public SegmentOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(energy, "energy");
    }

    static SegmentOutcome of(TrainingOutcome o, String slurmJobId, String node, String gpus) {
        return new SegmentOutcome(o.status().name(), o.message(), o.modelFile() == null ? null : o.modelFile().toString(),
                o.energy(), o.probe(), o.backend(), o.summary(), slurmJobId, node, gpus);
    }

    TrainingOutcome toOutcome() {
        return new TrainingOutcome(TrainingOutcome.Status.valueOf(status), message,
                modelFile == null ? null : Path.of(modelFile), energy, probe, backend, summary);
    }

    /** temp file, fsync, rename: the service sees a whole outcome or none. */
    void write(Path workDir, long startMillis) throws IOException {
        Path target = workDir.resolve(PREFIX + startMillis + NEW);
        Path tmp = workDir.resolve(PREFIX + startMillis + ".tmp");
        Files.writeString(tmp, JSON.writeValueAsString(this), StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The outcomes not yet accounted, oldest first, each with its file. */
    static List<Unaccounted> unaccounted(Path workDir) {
        List<Unaccounted> found = new ArrayList<>();
        if (!Files.isDirectory(workDir)) {
            return found;
        }
        try (Stream<Path> files = Files.list(workDir)) {
            for (Path p : files.filter(SegmentOutcome::isNew).sorted().toList()) {
                found.add(new Unaccounted(p, JSON.readValue(p.toFile(), SegmentOutcome.class)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Slurm outcomes in " + workDir, e);
        }
        return found;
    }

    private static boolean isNew(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(NEW) && !name.endsWith(DONE);
    }

    /** An outcome file the service has not accounted yet. */
    record Unaccounted(Path file, SegmentOutcome outcome) {
        void markAccounted() {
            String name = file.getFileName().toString();
            try {
                Files.move(file, file.resolveSibling(name.substring(0, name.length() - NEW.length()) + DONE),
                        StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot mark " + file + " as accounted", e);
            }
        }
    }
}
