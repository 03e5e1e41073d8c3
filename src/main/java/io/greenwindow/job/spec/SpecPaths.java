package io.greenwindow.job.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * Makes the file paths inside a spec absolute, against the spec's own folder, so that the stored spec can be
 * trained from the job's work directory. Model references such as {@code job:ID} or {@code latest:NAME} stay.
 */
final class SpecPaths {

    private SpecPaths() {
    }

    static void makeAbsolute(JsonNode root, Path specDir) {
        resolve(root.get("data"), "path", specDir);
        JsonNode model = root.get("model");
        resolve(model, "config", specDir);
        resolve(model, "saved", specDir);
        resolve(model, "base", specDir);
    }

    private static void resolve(JsonNode section, String field, Path dir) {
        if (!(section instanceof ObjectNode object) || !object.path(field).isTextual()) {
            return;
        }
        String value = object.get(field).asText();
        if (value.startsWith("job:") || value.startsWith("latest:") || value.isBlank()) {
            return;
        }
        object.put(field, dir.resolve(value).normalize().toString());
    }
}
