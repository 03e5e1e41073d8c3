package io.greenwindow.train;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.energy.InferenceProbeResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the child JVM writes to {@code result.json} as it exits: the parent reads it to build the outcome. Its
 * own CPU time closes the energy account, because {@code /proc} forgets a process once it is reaped.
 */
record ChildResult(String status, String message, String modelFile, String summary, String backend,
        double cpuSeconds, InferenceProbeResult probe) {

    static final String FILE = "result.json";
    private static final ObjectMapper JSON = JsonMapping.json();

    void write(Path workDir) throws IOException {
        Path tmp = workDir.resolve(FILE + ".tmp");
        Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        Checkpoints.publish(tmp, workDir.resolve(FILE));
    }

    static ChildResult read(Path workDir) {
        Path file = workDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readValue(file.toFile(), ChildResult.class);
        } catch (IOException e) {
            return null;
        }
    }

    static String toJson(Object value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
