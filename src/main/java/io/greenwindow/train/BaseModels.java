package io.greenwindow.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Resolves a fine-tune's {@code model.base}: a path (relative to the spec's folder), {@code job:<id>} (that job's
 * {@code <modelsDir>/<id>/model.zip}) or {@code latest:<spec name>} (the newest model trained from that spec).
 */
final class BaseModels {

    static final String MODEL_FILE = "model.zip";
    static final String MODEL_INFO = "model-info.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BaseModels() {
    }

    static Path resolve(String base, Path specDir, Path modelsDir, Path jobsDir) {
        if (base.startsWith("job:")) {
            Path file = modelsDir.resolve(base.substring(4)).resolve(MODEL_FILE);
            if (!Files.isRegularFile(file)) {
                throw new TrainingFailure("model.base: job " + base.substring(4) + " has no trained model at " + file);
            }
            return file;
        }
        if (base.startsWith("latest:")) {
            String spec = base.substring(7);
            return latest(spec, modelsDir, jobsDir).orElseThrow(() -> new TrainingFailure("model.base: no model "
                    + "trained from spec '" + spec + "' under " + modelsDir + "; train that spec first"));
        }
        return specDir.resolve(base).toAbsolutePath().normalize();
    }

    private static Optional<Path> latest(String specName, Path modelsDir, Path jobsDir) {
        if (!Files.isDirectory(modelsDir)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(modelsDir)) {
            return jobs.filter(dir -> Files.isRegularFile(dir.resolve(MODEL_FILE)))
                    .filter(dir -> specName.equals(specNameOf(dir, jobsDir)))
                    .map(dir -> dir.resolve(MODEL_FILE))
                    .max(Comparator.comparing(BaseModels::modified));
        } catch (IOException e) {
            throw new TrainingFailure("model.base: cannot list " + modelsDir + ": " + e.getMessage(), e);
        }
    }

    /** The spec name recorded beside the model, else the one in the job's job.json written by the service. */
    private static String specNameOf(Path modelDir, Path jobsDir) {
        for (Path info : new Path[] {modelDir.resolve(MODEL_INFO),
                jobsDir == null ? null : jobsDir.resolve(modelDir.getFileName()).resolve("job.json")}) {
            if (info == null || !Files.isRegularFile(info)) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(info.toFile());
                String name = node.path(info.endsWith(MODEL_INFO) ? "specName" : "name").asText(null);
                if (name != null) {
                    return name;
                }
            } catch (IOException e) {
                // An unreadable info file: try the next source.
            }
        }
        return null;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
