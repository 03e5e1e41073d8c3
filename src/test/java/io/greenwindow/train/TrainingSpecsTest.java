package io.greenwindow.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingSpecsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    private List<String> problems(String yaml) throws Exception {
        TrainingTestSpecs.copyIris(dir);
        JsonNode root = YAML.readTree(yaml);
        return TrainingSpecs.validate(root, dir);
    }

    private static String iris(String model, String training) {
        return "name: t\nkind: train\nmodel: " + model + "\n"
                + "data: {type: csv, path: iris.csv, labelColumn: 4, numClasses: 3, skipLines: 1}\n"
                + (training == null ? "" : "training: " + training + "\n");
    }

    @Test
    void validate_validDeclarativeSpec_hasNoProblems() throws Exception {
        assertThat(problems(iris("{layers: [{type: dense, units: 4}, {type: output, units: 3}]}",
                "{epochs: 2, batchSize: 8, seed: 1, updater: {type: sgd, learningRate: 0.1}, checkpointEvery: PT1M}")))
                .isEmpty();
    }

    @Test
    void validate_zeroUnitsInHiddenLayer_namesTheField() throws Exception {
        assertThat(problems(iris("{layers: [{type: dense, units: 16}, {type: dense, units: 0}, {type: output, units: 3}]}",
                null))).containsExactly("model.layers[1].units: must be an integer > 0, got 0");
    }

    @Test
    void validate_missingDataFile_namesFieldAndResolvedPath() throws Exception {
        List<String> problems = TrainingSpecs.validate(YAML.readTree(
                "model: {layers: [{type: output, units: 3}]}\n"
                        + "data: {type: csv, path: nope/x.csv, labelColumn: 4, numClasses: 3}"), dir);
        assertThat(problems).containsExactly("data.path: file not found: " + dir.resolve("nope/x.csv"));
    }

    @Test
    void validate_manyMistakes_reportsEveryOne() throws Exception {
        List<String> problems = problems(iris(
                "{layers: [{type: conv, units: 4, activation: swish, dropout: 1.5}, {type: dense, units: 3}]}",
                "{epochs: -1, updater: {type: adamw, learningRate: 0}, checkpointEvery: 30s}"));
        assertThat(problems).contains(
                "model.layers[0].type: must be one of [dense, lstm, output, rnn-output], got 'conv'",
                "model.layers[0].activation: must be one of [elu, identity, leakyrelu, relu, sigmoid, softmax, tanh], got 'swish'",
                "model.layers[0].dropout: must be a number in [0, 1), got 1.5",
                "model.layers[1].type: the last layer must be output or rnn-output, got dense",
                "training.epochs: must be an integer > 0, got -1",
                "training.updater.type: must be one of [adam, nesterovs, rmsprop, sgd], got 'adamw'",
                "training.updater.learningRate: must be a number > 0, got 0",
                "training.checkpointEvery: must be a positive ISO-8601 duration like PT30S, got '30s'");
    }

    @Test
    void validate_outputUnitsDifferFromClasses_saysSo() throws Exception {
        assertThat(problems(iris("{layers: [{type: output, units: 4}]}", null)))
                .containsExactly("model.layers[0].units: 4 does not match data.numClasses 3");
    }

    @Test
    void validate_missingSectionsAndTwoModelSources_saysWhatIsNeeded() throws Exception {
        assertThat(TrainingSpecs.validate(YAML.readTree("name: x"), dir))
                .containsExactly("model: is required", "data: is required");
        assertThat(problems(iris("{config: a.json, saved: b.zip}", null)))
                .containsExactly("model: needs exactly one of layers, config, saved; got [config, saved]");
    }

    @Test
    void validate_fineTuneWithoutBaseOrOutput_namesTheFields() throws Exception {
        TrainingTestSpecs.copyIris(dir);
        String data = "data: {type: csv, path: iris.csv, labelColumn: 4, numClasses: 3, skipLines: 1}\n";
        assertThat(TrainingSpecs.validate(YAML.readTree("kind: fine-tune\nmodel: {freeze: 1}\n" + data), dir))
                .containsExactly("model.base: is required for kind fine-tune (a model zip path, job:<id> or latest:<name>)");
        assertThat(TrainingSpecs.validate(YAML.readTree("kind: fine-tune\nmodel: {base: 'latest:'}\n" + data), dir))
                .containsExactly("model.base: names no job or spec after 'latest:'",
                        "model.output: is required: the new output layer {units, activation, loss}");
        assertThat(TrainingSpecs.validate(YAML.readTree("kind: fine-tune\nmodel: {base: m.zip, output: {units: 3}}\n"
                + data), dir)).containsExactly("model.base: file not found: " + dir.resolve("m.zip"));
    }

    @Test
    void validate_charCorpusShorterThanSequence_saysSo() throws Exception {
        List<String> problems = TrainingSpecs.validate(YAML.readTree("model: {layers: [{type: rnn-output}]}\n"
                + "data: {type: char-corpus, length: 100, sequenceLength: 200}"), dir);
        assertThat(problems).containsExactly("data.length: must be longer than data.sequenceLength (200), got 100");
    }

    @Test
    void read_validFile_resolvesPathsAgainstItsFolderAndAppliesDefaults() throws Exception {
        TrainingTestSpecs.copyIris(dir);
        Path file = TrainingTestSpecs.write(dir, "s", iris("{layers: [{type: output}]}", null));

        TrainingSpec spec = TrainingSpecs.read(file);

        assertThat(((DataSpec.Csv) spec.data()).path()).isEqualTo(dir.resolve("iris.csv"));
        assertThat(spec.training().checkpointEvery()).isEqualTo(Duration.ofSeconds(30));
        assertThat(spec.training().updater()).isEqualTo("adam");
        assertThat(((ModelSpec.Layers) spec.model()).layers().get(0).units()).isEqualTo(LayerSpec.FROM_DATA);
    }

    @Test
    void read_invalidYaml_throwsWithFileAndReason() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.yaml"), "model: [unclosed\n");
        assertThatThrownBy(() -> TrainingSpecs.read(file))
                .isInstanceOf(TrainingSpecs.TrainingSpecException.class)
                .hasMessageContaining(file + ": cannot read");
    }

    @Test
    void parse_invalidSpec_throwsWithAllProblems() throws Exception {
        TrainingTestSpecs.copyIris(dir);
        assertThatThrownBy(() -> TrainingSpecs.parse(YAML.readTree(iris("{layers: []}", "{batchSize: 0}")), dir))
                .isInstanceOf(TrainingSpecs.TrainingSpecException.class)
                .satisfies(e -> assertThat(((TrainingSpecs.TrainingSpecException) e).problems()).containsExactly(
                        "model.layers: must be a non-empty list of layers",
                        "training.batchSize: must be an integer > 0, got 0"));
    }

    @Test
    void referencedFiles_csvSpec_listsTheDataFileToCopyWithIt() throws Exception {
        TrainingTestSpecs.copyIris(dir);
        assertThat(TrainingSpecs.referencedFiles(YAML.readTree(iris("{layers: [{type: output}]}", null)), dir))
                .containsExactly(dir.resolve("iris.csv"));
        assertThat(TrainingSpecs.referencedFiles(YAML.readTree("model: {}"), dir)).isEmpty();
    }
}
