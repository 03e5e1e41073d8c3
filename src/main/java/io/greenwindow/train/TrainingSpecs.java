package io.greenwindow.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * Reads and checks the {@code model}, {@code data} and {@code training} sections of a job spec. Every problem is
 * reported as "field.path: reason" so that a user can find and fix it without reading Java.
 */
public final class TrainingSpecs {

    static final Set<String> LAYER_TYPES = Set.of("dense", "lstm", "output", "rnn-output");
    static final Set<String> ACTIVATIONS = Set.of("relu", "tanh", "sigmoid", "softmax", "identity", "leakyrelu", "elu");
    static final Set<String> LOSSES = Set.of("mcxent", "mse", "xent", "negativeloglikelihood");
    static final Set<String> UPDATERS = Set.of("adam", "sgd", "nesterovs", "rmsprop");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private TrainingSpecs() {
    }

    /**
     * Problems in the model/data/training sections, each "field.path: reason" (e.g. "model.layers[1].units: must
     * be > 0", "data.path: file not found: /x/y.csv"); empty when valid. specDir resolves relative paths.
     */
    public static List<String> validate(JsonNode specRoot, Path specDir) {
        SpecReader reader = new SpecReader(specDir);
        reader.read(specRoot);
        return reader.problems();
    }

    /** The checked spec, or a {@link TrainingSpecException} listing every problem. */
    public static TrainingSpec parse(JsonNode specRoot, Path specDir) {
        SpecReader reader = new SpecReader(specDir);
        TrainingSpec spec = reader.read(specRoot);
        if (!reader.problems().isEmpty()) {
            throw new TrainingSpecException(reader.problems());
        }
        return spec;
    }

    /** Reads a YAML (or JSON) spec file; its relative paths resolve against the file's own folder. */
    public static TrainingSpec read(Path specFile) {
        return parse(readTree(specFile), specFile.toAbsolutePath().getParent());
    }

    /** The YAML tree of a spec file, or a {@link TrainingSpecException} naming the file and the syntax error. */
    public static JsonNode readTree(Path specFile) {
        try {
            JsonNode root = YAML.readTree(Files.readString(specFile));
            if (root == null || !root.isObject()) {
                throw new TrainingSpecException(List.of(specFile + ": not a YAML mapping"));
            }
            return root;
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new TrainingSpecException(List.of(specFile + ": cannot read: " + reason));
        }
    }

    /**
     * The files a valid spec reads (its data file, a model config or saved model, a fine-tune base given as a
     * path), absolute: what must travel with the spec when it is copied elsewhere. Empty for invalid specs.
     */
    public static List<Path> referencedFiles(JsonNode specRoot, Path specDir) {
        SpecReader reader = new SpecReader(specDir);
        TrainingSpec spec = reader.read(specRoot);
        if (spec == null) {
            return List.of();
        }
        List<Path> files = new java.util.ArrayList<>();
        if (spec.data() instanceof DataSpec.Csv csv) {
            files.add(csv.path());
        }
        if (spec.model() instanceof ModelSpec.Config config) {
            files.add(config.file());
        } else if (spec.model() instanceof ModelSpec.Saved saved) {
            files.add(saved.file());
        } else if (spec.model() instanceof ModelSpec.FineTune fineTune && !fineTune.base().startsWith("job:")
                && !fineTune.base().startsWith("latest:")) {
            files.add(specDir.resolve(fineTune.base()).toAbsolutePath().normalize());
        }
        return List.copyOf(files);
    }

    /** Parses an ISO-8601 duration such as PT30S, or null when it is not one. */
    static Duration durationOrNull(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A spec that cannot run, with every problem found. */
    public static final class TrainingSpecException extends RuntimeException {
        private final List<String> problems;

        public TrainingSpecException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

}
