package io.greenwindow.job.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecParserTest {

    static final Instant NOW = Instant.parse("2026-11-29T14:00:00Z");

    @TempDir
    Path root;
    private Path configs;
    private SpecParser parser;

    static final String VALID = """
            name: iris-classifier
            kind: train
            team: research
            model: {layers: [{type: dense, units: 4}, {type: output, units: 3}]}
            data: {type: csv, path: data/iris.csv, labelColumn: 4, numClasses: 3, skipLines: 1}
            schedule:
              deadline: PT8H
              estimatedDuration: PT20M
              zones: [GB, DE]
              gpus: 1
              interruptible: true
            inference: {requestsPerDay: 1000, lifetimeDays: 365, tokensPerResponse: 700}
            """;

    @BeforeEach
    void files() throws Exception {
        configs = Files.createDirectories(root.resolve("configs"));
        Files.createDirectories(configs.resolve("data"));
        Files.writeString(configs.resolve("data/iris.csv"), "a,b,c,d,label\n1,2,3,4,0\n");
        parser = new SpecParser(Clock.fixed(NOW, ZoneOffset.UTC), Set.of("DE", "GB"), "DE",
                new AllowedRoots(List.of(root)), id -> id.equals("abc123"));
    }

    private List<String> problems(String yaml) {
        return ((InvalidSpecException) catchThrowable(() -> parser.parse(yaml, "t.yaml", configs, null))).problems();
    }

    @Test
    void parse_validSpec_resolvesDeadlineDefaultsAndRealPaths() throws Exception {
        JobDocument spec = parser.parse(VALID, "iris.yaml", configs, null);

        assertThat(spec.name()).isEqualTo("iris-classifier");
        assertThat(spec.kind()).isEqualTo(JobKind.TRAIN);
        assertThat(spec.schedule().deadline()).isEqualTo(NOW.plus(Duration.ofHours(8)));
        assertThat(spec.schedule().estimatedDuration()).isEqualTo(Duration.ofMinutes(20));
        assertThat(spec.schedule().zones()).containsExactly("GB", "DE");
        assertThat(spec.schedule().gpus()).isEqualTo(1);
        assertThat(spec.schedule().interruptible()).isTrue();
        assertThat(spec.inference()).isEqualTo(new InferencePlan(1000, 365, 700, "GB", null));
        assertThat(((DataSpec.Csv) spec.data()).path()).isEqualTo(configs.resolve("data/iris.csv").toRealPath());
        assertThat(spec.training()).isEqualTo(new TrainingSettings(10, 32, 42, "adam", 0.01, Duration.ofSeconds(30)));
    }

    @Test
    void parse_servedAlongside_isKeptInTheDocument() {
        JobDocument spec = parser.parse(VALID.replace("tokensPerResponse: 700}", "tokensPerResponse: 700, "
                + "servedAlongside: true}"), "iris.yaml", configs, null);

        assertThat(spec.inference()).isEqualTo(new InferencePlan(1000, 365, 700, "GB", null, true));
        assertThat(parser.parse(VALID, "iris.yaml", configs, null).inference().servedAlongside()).isFalse();
    }

    @Test
    void parse_deadlineOverride_replacesScheduleDeadline() {
        JobDocument spec = parser.parse(VALID, "iris.yaml", configs, "2026-11-30T08:00:00Z");
        assertThat(spec.schedule().deadline()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
    }

    @Test
    void parse_deadlineInThePast_isRefusedWithFieldAndReason() {
        String yaml = VALID.replace("deadline: PT8H", "deadline: 2026-11-29T13:00:00Z");
        assertThatThrownBy(() -> parser.parse(yaml, "iris.yaml", configs, null))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("schedule.deadline: must be after now");
    }

    @Test
    void parse_manyProblems_reportsEachByField() {
        String yaml = """
                name: "bad name!"
                kind: pretrain
                colour: green
                schedule:
                  deadline: tomorrow
                  estimatedDuration: -PT5M
                  zones: [XX]
                  gpus: two
                """;
        InvalidSpecException e = (InvalidSpecException) catchThrowable(() -> parser.parse(yaml, "bad.yaml", null, null));

        assertThat(e.problems()).anyMatch(p -> p.startsWith("name: must be 1-64 letters"))
                .anyMatch(p -> p.startsWith("kind: must be 'train' or 'fine-tune', got 'pretrain'"))
                .anyMatch(p -> p.startsWith("colour: unknown field"))
                .anyMatch(p -> p.startsWith("schedule.deadline: must be an ISO-8601 duration"))
                .anyMatch(p -> p.startsWith("schedule.estimatedDuration: must be from PT1M to PT168H, got -PT5M"))
                .anyMatch(p -> p.startsWith("schedule.zones[0]: unknown zone 'XX'"))
                .anyMatch(p -> p.startsWith("schedule.gpus: must be a whole number"))
                .anyMatch(p -> p.startsWith("model: is required"))
                .anyMatch(p -> p.startsWith("data: is required"));
        assertThat(e.getMessage()).startsWith("Invalid job spec bad.yaml:");
    }

    @Test
    void parse_missingSchedule_isRefused() {
        assertThatThrownBy(() -> parser.parse("name: x\n", "x.yaml", null, null))
                .hasMessageContaining("schedule: is required");
    }

    @Test
    void parse_notYaml_saysWhere() {
        assertThatThrownBy(() -> parser.parse("name: [unclosed\n", "x.yaml", null, null))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("not valid YAML at line");
    }

    @Test
    void parse_noZones_usesDefaultZone() {
        String yaml = VALID.replace("  zones: [GB, DE]\n", "");
        assertThat(parser.parse(yaml, null, configs, null).schedule().zones()).containsExactly("DE");
    }

    @Test
    void parse_trainingMistakes_reportsEveryOne() {
        String yaml = VALID.replace("model: {layers: [{type: dense, units: 4}, {type: output, units: 3}]}",
                "model: {layers: [{type: conv, units: 4, activation: swish, dropout: 1.5}, {type: dense, units: 3}]}\n"
                        + "training: {epochs: -1, updater: {type: adamw, learningRate: 0}, checkpointEvery: 30s}");
        assertThat(problems(yaml)).contains(
                "model.layers[0].type: must be one of [dense, lstm, output, rnn-output], got 'conv'",
                "model.layers[1].type: the last layer must be output or rnn-output, got dense",
                "training.epochs: must be from 1 to 10000, got -1",
                "training.updater.type: must be one of [adam, nesterovs, rmsprop, sgd], got 'adamw'",
                "training.updater.learningRate: must be > 0.0 and <= 10.0, got 0.0",
                "training.checkpointEvery: must be an ISO-8601 duration such as PT20M or PT8H, got '30s'");
    }

    @Test
    void parse_outputUnitsDifferFromClasses_saysSo() {
        assertThat(problems(VALID.replace("{type: output, units: 3}", "{type: output, units: 4}")))
                .containsExactly("model.layers[1].units: 4 does not match data.numClasses 3");
    }

    @Test
    void parse_twoModelSources_saysWhatIsNeeded() {
        assertThat(problems(VALID.replace("{layers: [{type: dense, units: 4}, {type: output, units: 3}]}",
                "{config: a.json, saved: b.zip}")))
                .containsExactly("model: needs exactly one of layers, config, saved; got [config, saved]");
    }

    @Test
    void parse_fineTuneWithoutBaseOrOutput_namesTheFields() {
        String fine = VALID.replace("kind: train", "kind: fine-tune");
        assertThat(problems(fine.replace("{layers: [{type: dense, units: 4}, {type: output, units: 3}]}",
                "{freeze: 1, output: {units: 3}}")))
                .containsExactly("model.base: is required for kind fine-tune (a model zip path, job:<id> or latest:<name>)");
        assertThat(problems(fine.replace("{layers: [{type: dense, units: 4}, {type: output, units: 3}]}",
                "{base: 'latest:'}")))
                .containsExactly("model.base: latest:<name> needs a spec name of " + Names.RULE + ", got ''",
                        "model.output: is required: the new output layer {units, activation, loss}");
        assertThat(problems(fine.replace("{layers: [{type: dense, units: 4}, {type: output, units: 3}]}",
                "{base: 'job:zzz999', output: {units: 3}}")))
                .containsExactly("model.base: no job zzz999 (job:<id> names a job of this service)");
    }

    @Test
    void parse_fineTuneOfAKnownJob_keepsTheIdForTheJobTable() {
        String fine = VALID.replace("kind: train", "kind: fine-tune").replace(
                "{layers: [{type: dense, units: 4}, {type: output, units: 3}]}",
                "{base: 'job:abc123', freeze: 1, output: {units: 3}}");
        ModelSpec.FineTune model = (ModelSpec.FineTune) parser.parse(fine, "f.yaml", configs, null).model();
        assertThat(model.base()).isEqualTo(new BaseModel.OfJob("abc123"));
        assertThat(model.freeze()).isEqualTo(1);
    }

    @Test
    void parse_charCorpusShorterThanSequence_saysSo() {
        assertThat(problems(VALID.replace("{layers: [{type: dense, units: 4}, {type: output, units: 3}]}",
                "{layers: [{type: rnn-output}]}").replace(
                "data: {type: csv, path: data/iris.csv, labelColumn: 4, numClasses: 3, skipLines: 1}",
                "data: {type: char-corpus, length: 100, sequenceLength: 200}")))
                .containsExactly("data.length: must be longer than data.sequenceLength (200), got 100");
    }

    @Test
    void parse_missingDataFileInsideRoots_saysNotFound() {
        assertThat(problems(VALID.replace("data/iris.csv", "nope/x.csv")))
                .containsExactly("data.path: file not found: " + configs.resolve("nope/x.csv"));
    }
}
