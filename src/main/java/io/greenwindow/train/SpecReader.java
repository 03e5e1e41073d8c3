package io.greenwindow.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One pass over a spec tree that builds the values and collects every problem instead of stopping at the first. */
final class SpecReader {

    private final Path specDir;
    private final List<String> problems = new ArrayList<>();

    SpecReader(Path specDir) {
        this.specDir = specDir;
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    /** The spec, or null when any problem was found. */
    TrainingSpec read(JsonNode root) {
        String name = text(root, "name", "name", null);
        String kind = text(root, "kind", "kind", "train");
        if (!kind.equals("train") && !kind.equals("fine-tune")) {
            problem("kind", "must be train or fine-tune, got '" + kind + "'");
        }
        ModelSpec model = model(section(root, "model"), kind);
        DataSpec data = data(section(root, "data"));
        TrainingSettings training = training(root.path("training"));
        checkOutputMatchesData(model, data);
        if (!problems.isEmpty()) {
            return null;
        }
        return new TrainingSpec(name == null ? "unnamed" : name, kind, model, data, training);
    }

    private void checkOutputMatchesData(ModelSpec model, DataSpec data) {
        if (!(data instanceof DataSpec.Csv csv)) {
            return;
        }
        LayerSpec output = null;
        String where = null;
        if (model instanceof ModelSpec.Layers layers) {
            output = layers.layers().get(layers.layers().size() - 1);
            where = "model.layers[" + (layers.layers().size() - 1) + "]";
        } else if (model instanceof ModelSpec.FineTune fineTune) {
            output = fineTune.output();
            where = "model.output";
        }
        if (output != null && output.units() != LayerSpec.FROM_DATA && output.units() != csv.numClasses()) {
            problem(where + ".units", output.units() + " does not match data.numClasses " + csv.numClasses());
        }
        if (output != null && output.type().equals("rnn-output")) {
            problem(where + ".type", "rnn-output needs sequence data (char-corpus), data.type is csv");
        }
    }

    private JsonNode section(JsonNode root, String field) {
        JsonNode node = root.path(field);
        if (!node.isObject()) {
            problem(field, node.isMissingNode() ? "is required" : "must be a mapping");
        }
        return node;
    }

    private ModelSpec model(JsonNode node, String kind) {
        if (!node.isObject()) {
            return null;
        }
        if (kind.equals("fine-tune")) {
            if (!node.has("base")) {
                problem("model.base", "is required for kind fine-tune (a model zip path, job:<id> or latest:<name>)");
                return null;
            }
            String base = text(node, "base", "model.base", "");
            int freeze = integer(node, "freeze", "model.freeze", 0, 0);
            if (base.startsWith("job:") || base.startsWith("latest:")) {
                if (base.indexOf(':') == base.length() - 1) {
                    problem("model.base", "names no job or spec after '" + base + "'");
                }
            } else if (!base.isEmpty()) {
                existingFile(base, "model.base");
            }
            JsonNode out = node.path("output");
            if (!out.isObject()) {
                problem("model.output", "is required: the new output layer {units, activation, loss}");
                return null;
            }
            LayerSpec output = layer(out, "model.output", "output");
            return output == null ? null : new ModelSpec.FineTune(base, freeze, output);
        }
        List<String> sources = new ArrayList<>();
        for (String f : List.of("layers", "config", "saved")) {
            if (node.has(f)) {
                sources.add(f);
            }
        }
        if (sources.size() != 1) {
            problem("model", "needs exactly one of layers, config, saved; got " + (sources.isEmpty() ? "none" : sources));
            return null;
        }
        switch (sources.get(0)) {
            case "config": {
                Path file = existingFile(text(node, "config", "model.config", ""), "model.config");
                return file == null ? null : new ModelSpec.Config(file);
            }
            case "saved": {
                Path file = existingFile(text(node, "saved", "model.saved", ""), "model.saved");
                return file == null ? null : new ModelSpec.Saved(file);
            }
            default:
                return layers(node);
        }
    }

    private ModelSpec layers(JsonNode node) {
        JsonNode list = node.path("layers");
        if (!list.isArray() || list.isEmpty()) {
            problem("model.layers", "must be a non-empty list of layers");
            return null;
        }
        int before = problems.size();
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "model.layers[" + i + "]";
            boolean last = i == list.size() - 1;
            LayerSpec layer = layer(list.get(i), where, null);
            if (layer == null) {
                continue;
            }
            if (last != layer.isOutput()) {
                problem(where + ".type", last ? "the last layer must be output or rnn-output, got " + layer.type()
                        : "only the last layer may be " + layer.type());
            }
            layers.add(layer);
        }
        boolean graph = node.path("graph").asBoolean(false);
        return problems.size() == before ? new ModelSpec.Layers(layers, graph) : null;
    }

    private LayerSpec layer(JsonNode node, String where, String forcedType) {
        if (!node.isObject()) {
            problem(where, "must be a mapping like {type: dense, units: 16, activation: relu}");
            return null;
        }
        int before = problems.size();
        String type = forcedType != null && !node.has("type") ? forcedType : text(node, "type", where + ".type", "");
        oneOf(type, TrainingSpecs.LAYER_TYPES, where + ".type");
        boolean output = type.equals("output") || type.equals("rnn-output");
        int units = integer(node, "units", where + ".units", output ? LayerSpec.FROM_DATA : -1, output ? 0 : 1);
        String activation = text(node, "activation", where + ".activation", output ? "softmax" : "relu");
        oneOf(activation, TrainingSpecs.ACTIVATIONS, where + ".activation");
        String loss = text(node, "loss", where + ".loss", "mcxent");
        oneOf(loss, TrainingSpecs.LOSSES, where + ".loss");
        double dropout = node.path("dropout").asDouble(0);
        if (node.has("dropout") && (!node.get("dropout").isNumber() || dropout < 0 || dropout >= 1)) {
            problem(where + ".dropout", "must be a number in [0, 1), got " + node.get("dropout"));
        }
        return problems.size() > before ? null : new LayerSpec(type, units, activation, dropout, loss);
    }

    private DataSpec data(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        String type = text(node, "type", "data.type", "");
        int before = problems.size();
        if (type.equals("csv")) {
            Path path = existingFile(text(node, "path", "data.path", ""), "data.path");
            int labelColumn = integer(node, "labelColumn", "data.labelColumn", -1, 0);
            int numClasses = integer(node, "numClasses", "data.numClasses", -1, 2);
            int skipLines = integer(node, "skipLines", "data.skipLines", 0, 0);
            return problems.size() > before ? null : new DataSpec.Csv(path, labelColumn, numClasses, skipLines);
        }
        if (type.equals("char-corpus")) {
            long seed = node.path("seed").asLong(1);
            int length = integer(node, "length", "data.length", 20_000, 100);
            int seqLength = integer(node, "sequenceLength", "data.sequenceLength", 50, 2);
            if (problems.size() == before && length < seqLength + 1) {
                problem("data.length", "must be longer than data.sequenceLength (" + seqLength + "), got " + length);
            }
            return problems.size() > before ? null : new DataSpec.CharCorpus(seed, length, seqLength);
        }
        problem("data.type", "must be csv or char-corpus, got '" + type + "'");
        return null;
    }

    private TrainingSettings training(JsonNode node) {
        if (!node.isMissingNode() && !node.isObject()) {
            problem("training", "must be a mapping");
            return null;
        }
        int before = problems.size();
        int epochs = integer(node, "epochs", "training.epochs", 10, 1);
        int batchSize = integer(node, "batchSize", "training.batchSize", 32, 1);
        long seed = node.path("seed").asLong(42);
        if (node.has("seed") && !node.get("seed").isIntegralNumber()) {
            problem("training.seed", "must be an integer, got " + node.get("seed"));
        }
        JsonNode updater = node.path("updater");
        String updaterType = text(updater, "type", "training.updater.type", "adam");
        oneOf(updaterType, TrainingSpecs.UPDATERS, "training.updater.type");
        double lr = updater.path("learningRate").asDouble(0.01);
        if (updater.has("learningRate") && (!updater.get("learningRate").isNumber() || !(lr > 0))) {
            problem("training.updater.learningRate", "must be a number > 0, got " + updater.get("learningRate"));
        }
        Duration every = TrainingSettings.DEFAULT_CHECKPOINT_EVERY;
        if (node.has("checkpointEvery")) {
            every = TrainingSpecs.durationOrNull(node.get("checkpointEvery").asText());
            if (every == null || every.isNegative() || every.isZero()) {
                problem("training.checkpointEvery", "must be a positive ISO-8601 duration like PT30S, got '"
                        + node.get("checkpointEvery").asText() + "'");
            }
        }
        return problems.size() > before ? null
                : new TrainingSettings(epochs, batchSize, seed, updaterType, lr, every);
    }

    private Path existingFile(String value, String field) {
        if (value.isEmpty()) {
            problem(field, "is required");
            return null;
        }
        Path path = specDir == null ? Path.of(value) : specDir.resolve(value);
        path = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            problem(field, "file not found: " + path);
            return null;
        }
        return path;
    }

    private String text(JsonNode node, String field, String where, String fallback) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            if (fallback != null && fallback.isEmpty()) {
                problem(where, "is required");
            }
            return fallback;
        }
        if (!value.isValueNode() || value.isBoolean()) {
            problem(where, "must be text, got " + value);
            return fallback == null ? "" : fallback;
        }
        return value.asText().trim();
    }

    private int integer(JsonNode node, String field, String where, int fallback, int min) {
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            if (fallback < min) {
                problem(where, "is required");
            }
            return fallback;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > Integer.MAX_VALUE) {
            problem(where, (min == 1 ? "must be an integer > 0" : "must be an integer >= " + min) + ", got " + value);
            return fallback;
        }
        return value.asInt();
    }

    private void oneOf(String value, Set<String> allowed, String where) {
        if (!value.isEmpty() && !allowed.contains(value)) {
            problem(where, "must be one of " + allowed.stream().sorted().toList() + ", got '" + value + "'");
        }
    }

    private void problem(String field, String reason) {
        problems.add(field + ": " + reason);
    }
}
