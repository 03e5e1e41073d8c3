package io.greenwindow.service;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.energy.EnergyReport;
import io.greenwindow.job.Job;
import io.greenwindow.job.spec.JobDocument;
import io.greenwindow.job.spec.JobDocuments;
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
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files of a job on disk: {@code <dataDir>/jobs/<id>/} holds the job document, the checkpoints and model the trainer
 * writes, {@code job.json} (so a fine-tune can find "the latest model of spec X") and one energy report per
 * segment, written atomically so the job's ledger entry can be built after a restart.
 */
public final class WorkDirs {

    private static final ObjectMapper JSON = JsonMapping.json();

    /** The job document handed to the training JVM. */
    public static final String DOCUMENT_FILE = "document.json";

    private final Path jobsDir;

    public WorkDirs(Path dataDir) {
        this.jobsDir = dataDir.toAbsolutePath().resolve("jobs");
    }

    public Path jobsDir() {
        return jobsDir;
    }

    public Path of(String jobId) {
        return jobsDir.resolve(jobId);
    }

    /**
     * Writes the job's validated document (its base model resolved) and job.json for a release; returns the
     * document file, which the training JVM reads as it is.
     */
    public Path prepare(Job job, JobDocument document) {
        Path dir = of(job.id());
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(DOCUMENT_FILE);
            writeAtomically(file, JobDocuments.toJson(document));
            writeJobJson(job);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the work directory " + dir, e);
        }
    }

    public void writeJobJson(Job job) {
        Path dir = of(job.id());
        try {
            Files.createDirectories(dir);
            writeAtomically(dir.resolve("job.json"), JSON.writeValueAsString(Map.of(
                    "id", job.id(), "name", job.name(), "state", job.state().name(), "kind", job.kind().word())));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write job.json in " + dir, e);
        }
    }

    public void saveEnergy(String jobId, int segment, EnergyReport report) {
        try {
            writeAtomically(of(jobId).resolve("energy-segment-" + segment + ".json"), JSON.writeValueAsString(report));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the energy of job " + jobId + " segment " + segment, e);
        }
    }

    /** Whether segment {@code segment}'s energy report is kept beside the job. */
    public boolean hasEnergy(String jobId, int segment) {
        return Files.exists(of(jobId).resolve("energy-segment-" + segment + ".json"));
    }

    /** Every segment's energy report, in segment order. */
    public List<EnergyReport> energy(String jobId) {
        Path dir = of(jobId);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> reports = new ArrayList<>(files
                    .filter(p -> p.getFileName().toString().matches("energy-segment-\\d+\\.json")).toList());
            reports.sort((a, b) -> Integer.compare(segmentOf(a), segmentOf(b)));
            List<EnergyReport> result = new ArrayList<>();
            for (Path p : reports) {
                result.add(JSON.readValue(p.toFile(), EnergyReport.class));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the energy reports of job " + jobId, e);
        }
    }

    private static int segmentOf(Path p) {
        String name = p.getFileName().toString();
        return Integer.parseInt(name.substring("energy-segment-".length(), name.length() - ".json".length()));
    }

    /** temp file, fsync, rename: a crash leaves the old file or the new one, never half of one. */
    static void writeAtomically(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
