package io.greenwindow.job.spec;

import static io.greenwindow.job.spec.SpecBounds.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code model}, {@code data} and {@code training} sections of a spec into their records, each file
 * resolved under the allowed roots; problems go to {@link SpecFields}. Part of {@link SpecParser}, the one reader
 * of specs: the trainer receives these records as they are.
 */
final class TrainingSections {

    static final Set<String> LAYER_TYPES = Set.of("dense", "lstm", "output", "rnn-output");
    static final Set<String> ACTIVATIONS = Set.of("relu", "tanh", "sigmoid", "softmax", "identity", "leakyrelu", "elu");
    static final Set<String> LOSSES = Set.of("mcxent", "mse", "xent", "negativeloglikelihood");
    static final Set<String> UPDATERS = Set.of("adam", "sgd", "nesterovs", "rmsprop");
    private static final Set<String> MODEL = Set.of("layers", "graph", "config", "saved", "base", "freeze", "output");
    private static final Set<String> LAYER = Set.of("type", "units", "activation", "dropout", "loss");
    private static final Set<String> CSV = Set.of("type", "path", "labelColumn", "numClasses", "skipLines");
    private static final Set<String> CORPUS = Set.of("type", "seed", "length", "sequenceLength");
    private static final Set<String> TRAINING = Set.of("epochs", "batchSize", "seed", "updater", "checkpointEvery");
    private static final Set<String> UPDATER = Set.of("type", "learningRate");

    private final SpecFields fields;
    private final AllowedRoots roots;
    private final Path specDir;

    TrainingSections(SpecFields fields, AllowedRoots roots, Path specDir) {
        this.fields = fields;
        this.roots = roots;
        this.specDir = specDir;
    }

    ModelSpec model(JsonNode node, JobKind kind) {
        if (!section(node, "model")) {
            return null;
        }
        SpecParser.unknownFields(node, "model.", MODEL, fields);
        if (kind == JobKind.FINE_TUNE) {
            return fineTune(node);
        }
        List<String> sources = new ArrayList<>();
        for (String f : List.of("layers", "config", "saved")) {
            if (node.has(f)) {
                sources.add(f);
            }
        }
        if (sources.size() != 1) {
            fields.problem("model", "needs exactly one of layers, config, saved; got "
                    + (sources.isEmpty() ? "none" : sources));
            return null;
        }
        return switch (sources.get(0)) {
            case "config" -> file(node.get("config"), "model.config").map(ModelSpec.Config::new).orElse(null);
            case "saved" -> file(node.get("saved"), "model.saved").filter(f -> ModelZips.admits(f, "model.saved", fields))
                    .map(ModelSpec.Saved::new).orElse(null);
            default -> layers(node);
        };
    }

    private ModelSpec fineTune(JsonNode node) {
        BaseModel base = base(node.get("base"));
        int freeze = fields.wholeNumber(node.get("freeze"), "model.freeze", 0, 0, MAX_FREEZE);
        JsonNode out = node.get("output");
        if (out == null || !out.isObject()) {
            fields.problem("model.output", "is required: the new output layer {units, activation, loss}");
            return null;
        }
        LayerSpec output = layer(out, "model.output", "output");
        return base == null || output == null ? null : new ModelSpec.FineTune(base, freeze, output);
    }

    private BaseModel base(JsonNode node) {
        String value = fields.text(node, "model.base", null);
        if (value == null || value.isEmpty()) {
            fields.problem("model.base", "is required for kind fine-tune (a model zip path, job:<id> or latest:<name>)");
            return null;
        }
        if (value.startsWith("job:")) {
            String id = value.substring(4);
            if (!BaseModel.JOB_ID.matcher(id).matches()) {
                fields.problem("model.base", "job:<id> needs a job id of 1-64 letters, digits, '_' or '-', got '"
                        + SpecFields.shorten(id) + "'");
                return null;
            }
            return new BaseModel.OfJob(id);
        }
        if (value.startsWith("latest:")) {
            String name = value.substring(7);
            if (!Names.isSafe(name)) {
                fields.problem("model.base", "latest:<name> needs a spec name of " + Names.RULE + ", got '"
                        + SpecFields.shorten(name) + "'");
                return null;
            }
            return new BaseModel.LatestOf(name);
        }
        return file(node, "model.base").filter(f -> ModelZips.admits(f, "model.base", fields))
                .map(BaseModel.File::new).orElse(null);
    }

    private ModelSpec layers(JsonNode node) {
        JsonNode list = node.get("layers");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_LAYERS) {
            fields.problem("model.layers", "must be a list of 1 to " + MAX_LAYERS + " layers");
            return null;
        }
        int before = fields.problemCount();
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "model.layers[" + i + "]";
            boolean last = i == list.size() - 1;
            LayerSpec layer = layer(list.get(i), where, null);
            if (layer == null) {
                continue;
            }
            if (last != layer.isOutput()) {
                fields.problem(where + ".type", last ? "the last layer must be output or rnn-output, got " + layer.type()
                        : "only the last layer may be " + layer.type());
            }
            layers.add(layer);
        }
        boolean graph = fields.bool(node.get("graph"), "model.graph", false);
        return fields.problemCount() == before ? new ModelSpec.Layers(layers, graph) : null;
    }

    private LayerSpec layer(JsonNode node, String where, String forcedType) {
        if (!node.isObject()) {
            fields.problem(where, "must be a mapping like {type: dense, units: 16, activation: relu}");
            return null;
        }
        SpecParser.unknownFields(node, where + ".", LAYER, fields);
        int before = fields.problemCount();
        String type = fields.oneOf(node.get("type"), where + ".type", LAYER_TYPES, forcedType);
        if (type == null) {
            if (fields.problemCount() == before) {
                fields.problem(where + ".type", "is required (one of " + LAYER_TYPES.stream().sorted().toList() + ")");
            }
            return null;
        }
        boolean output = type.equals("output") || type.equals("rnn-output");
        int units = fields.wholeNumber(node.get("units"), where + ".units", output ? LayerSpec.FROM_DATA : -1,
                output ? 0 : 1, MAX_UNITS);
        if (SpecFields.absent(node.get("units")) && units < 0) {
            fields.problem(where + ".units", "is required (1 to " + MAX_UNITS + ")");
        }
        String activation = fields.oneOf(node.get("activation"), where + ".activation", ACTIVATIONS,
                output ? "softmax" : "relu");
        String loss = fields.oneOf(node.get("loss"), where + ".loss", LOSSES, "mcxent");
        Double dropout = fields.number(node.get("dropout"), where + ".dropout", 0, false, 0.99);
        return fields.problemCount() > before ? null
                : new LayerSpec(type, units, activation, dropout == null ? 0 : dropout, loss);
    }

    DataSpec data(JsonNode node) {
        if (!section(node, "data")) {
            return null;
        }
        int before = fields.problemCount();
        String type = fields.oneOf(node.get("type"), "data.type", Set.of("csv", "char-corpus"), null);
        if (type == null) {
            if (fields.problemCount() == before) {
                fields.problem("data.type", "is required (csv or char-corpus)");
            }
            return null;
        }
        if (type.equals("csv")) {
            SpecParser.unknownFields(node, "data.", CSV, fields);
            Optional<Path> path = file(node.get("path"), "data.path");
            int labelColumn = fields.wholeNumber(node.get("labelColumn"), "data.labelColumn", -1, 0, MAX_LABEL_COLUMN);
            int numClasses = fields.wholeNumber(node.get("numClasses"), "data.numClasses", -1, 2, MAX_CLASSES);
            int skipLines = fields.wholeNumber(node.get("skipLines"), "data.skipLines", 0, 0, MAX_SKIP_LINES);
            required(node, "labelColumn", "data.labelColumn");
            required(node, "numClasses", "data.numClasses");
            return fields.problemCount() > before || path.isEmpty() ? null
                    : new DataSpec.Csv(path.get(), labelColumn, numClasses, skipLines);
        }
        SpecParser.unknownFields(node, "data.", CORPUS, fields);
        long seed = fields.longNumber(node.get("seed"), "data.seed", 1);
        int length = fields.wholeNumber(node.get("length"), "data.length", 20_000, 100, MAX_CORPUS_LENGTH);
        int seqLength = fields.wholeNumber(node.get("sequenceLength"), "data.sequenceLength", 50, 2, MAX_SEQUENCE_LENGTH);
        if (fields.problemCount() == before && length < seqLength + 1) {
            fields.problem("data.length", "must be longer than data.sequenceLength (" + seqLength + "), got " + length);
        }
        return fields.problemCount() > before ? null : new DataSpec.CharCorpus(seed, length, seqLength);
    }

    TrainingSettings training(JsonNode node) {
        if (SpecFields.absent(node)) {
            return new TrainingSettings(10, 32, 42, "adam", 0.01, TrainingSettings.DEFAULT_CHECKPOINT_EVERY);
        }
        if (!node.isObject()) {
            fields.problem("training", "must be a mapping");
            return null;
        }
        SpecParser.unknownFields(node, "training.", TRAINING, fields);
        int before = fields.problemCount();
        int epochs = fields.wholeNumber(node.get("epochs"), "training.epochs", 10, 1, MAX_EPOCHS);
        int batchSize = fields.wholeNumber(node.get("batchSize"), "training.batchSize", 32, 1, MAX_BATCH_SIZE);
        long seed = fields.longNumber(node.get("seed"), "training.seed", 42);
        JsonNode updater = node.get("updater");
        String updaterType = "adam";
        Double lr = 0.01;
        if (updater != null && !updater.isObject()) {
            fields.problem("training.updater", "must be a mapping like {type: adam, learningRate: 0.01}");
        } else if (updater != null) {
            SpecParser.unknownFields(updater, "training.updater.", UPDATER, fields);
            updaterType = fields.oneOf(updater.get("type"), "training.updater.type", UPDATERS, "adam");
            if (updater.has("learningRate")) {
                lr = fields.number(updater.get("learningRate"), "training.updater.learningRate", 0, true,
                        MAX_LEARNING_RATE);
            }
        }
        Duration every = TrainingSettings.DEFAULT_CHECKPOINT_EVERY;
        String everyText = fields.text(node.get("checkpointEvery"), "training.checkpointEvery", null);
        if (everyText != null) {
            every = fields.duration(everyText, "training.checkpointEvery", MIN_CHECKPOINT_EVERY, MAX_CHECKPOINT_EVERY);
        }
        return fields.problemCount() > before || lr == null || every == null || updaterType == null ? null
                : new TrainingSettings(epochs, batchSize, seed, updaterType, lr, every);
    }

    /** The output layer must fit the data: its units equal the CSV's classes; sequence outputs need sequences. */
    void checkOutputMatchesData(ModelSpec model, DataSpec data) {
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
            fields.problem(where + ".units", output.units() + " does not match data.numClasses " + csv.numClasses());
        }
        if (output != null && output.type().equals("rnn-output")) {
            fields.problem(where + ".type", "rnn-output needs sequence data (char-corpus), data.type is csv");
        }
    }

    private Optional<Path> file(JsonNode node, String field) {
        String value = fields.text(node, field, null);
        if (value == null || value.isEmpty()) {
            fields.problem(field, "is required (a file path under the allowed roots)");
            return Optional.empty();
        }
        if (value.indexOf('\0') >= 0 || value.codePoints().anyMatch(Character::isISOControl)) {
            fields.problem(field, "must not contain control characters");
            return Optional.empty();
        }
        return roots.file(value, specDir, field, fields);
    }

    private boolean section(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            fields.problem(field, node == null ? "is required" : "must be a mapping");
            return false;
        }
        return true;
    }

    private void required(JsonNode node, String key, String field) {
        if (SpecFields.absent(node.get(key))) {
            fields.problem(field, "is required");
        }
    }
}
