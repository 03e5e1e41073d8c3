package io.greenwindow.train;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code progress.json} in a job's work folder: written by the trainer atomically (a reader sees the last whole
 * report, never half of one, and a crash keeps the last one), read by the service within a size bound.
 */
public final class ProgressFile {

    public static final String FILE = "progress.json";
    /** A report is at most some kilobytes (its loss curve is bounded); anything larger is not one of ours and is not read. */
    static final long MAX_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = JsonMapping.json();

    private ProgressFile() {
    }

    static void write(Path workDir, TrainingProgress progress) throws IOException {
        Path tmp = workDir.resolve(FILE + ".tmp");
        Files.write(tmp, JSON.writeValueAsBytes(progress));
        Checkpoints.publish(tmp, workDir.resolve(FILE));
    }

    /** The last report in {@code workDir}; empty when there is none yet or it cannot be read. */
    public static Optional<TrainingProgress> read(Path workDir) {
        Path file = workDir.resolve(FILE);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                return Optional.empty();
            }
            return Optional.of(JSON.readValue(Files.readAllBytes(file), TrainingProgress.class));
        } catch (IOException | RuntimeException e) {
            // A report from an older trainer or a damaged file: progress is shown as unknown, the job is unaffected.
            return Optional.empty();
        }
    }
}
