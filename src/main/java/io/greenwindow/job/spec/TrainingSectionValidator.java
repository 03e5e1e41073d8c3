package io.greenwindow.job.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks the {@code model}, {@code data} and {@code training} sections, which belong to the trainer. Kept as a
 * port so that job specs can be parsed (and tested) without loading Deeplearning4j.
 */
@FunctionalInterface
public interface TrainingSectionValidator {
    /** Problems as "field.path: reason"; empty when the sections are valid. */
    List<String> validate(JsonNode spec, Path specDir);
}
