package io.greenwindow.job.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpecParserTest {

    static final Instant NOW = Instant.parse("2026-11-29T14:00:00Z");
    private final SpecParser parser = new SpecParser(Clock.fixed(NOW, ZoneOffset.UTC), Set.of("DE", "GB"), "DE",
            (spec, dir) -> List.of());

    private static final String VALID = """
            name: iris-classifier
            kind: train
            team: research
            model: {layers: [{type: output, units: 3}]}
            data: {type: csv, path: data/iris.csv}
            schedule:
              deadline: PT8H
              estimatedDuration: PT20M
              zones: [GB, DE]
              gpus: 1
              interruptible: true
            inference: {requestsPerDay: 1000, lifetimeDays: 365, tokensPerResponse: 700}
            """;

    @Test
    void parse_validSpec_resolvesDeadlineAndDefaults() {
        JobSpec spec = parser.parse(VALID, "iris.yaml", Path.of("/configs"), null);

        assertThat(spec.name()).isEqualTo("iris-classifier");
        assertThat(spec.kind()).isEqualTo(JobKind.TRAIN);
        assertThat(spec.schedule().deadline()).isEqualTo(NOW.plus(Duration.ofHours(8)));
        assertThat(spec.schedule().estimatedDuration()).isEqualTo(Duration.ofMinutes(20));
        assertThat(spec.schedule().zones()).containsExactly("GB", "DE");
        assertThat(spec.schedule().gpus()).isEqualTo(1);
        assertThat(spec.schedule().interruptible()).isTrue();
        assertThat(spec.inference()).isEqualTo(new InferencePlan(1000, 365, 700, "GB", null));
    }

    @Test
    void parse_servedAlongside_isKeptInThePlanAndTheStoredDocument() {
        JobSpec spec = parser.parse(VALID.replace("tokensPerResponse: 700}", "tokensPerResponse: 700, "
                + "servedAlongside: true}"), "iris.yaml", Path.of("/configs"), null);

        assertThat(spec.inference()).isEqualTo(new InferencePlan(1000, 365, 700, "GB", null, true));
        assertThat(SpecParser.inferenceOf(spec.document()).servedAlongside()).isTrue();
        assertThat(SpecParser.inferenceOf(parser.parse(VALID, "iris.yaml", Path.of("/configs"), null).document())
                .servedAlongside()).isFalse();
    }

    @Test
    void parse_relativeDataPath_isMadeAbsoluteAgainstSpecFolder() {
        JobSpec spec = parser.parse(VALID, "iris.yaml", Path.of("/configs"), null);
        assertThat(spec.document()).contains("/configs/data/iris.csv");
    }

    @Test
    void parse_deadlineOverride_replacesScheduleDeadline() {
        JobSpec spec = parser.parse(VALID, "iris.yaml", Path.of("/configs"), "2026-11-30T08:00:00Z");
        assertThat(spec.schedule().deadline()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
    }

    @Test
    void parse_deadlineInThePast_isRefusedWithFieldAndReason() {
        String yaml = VALID.replace("deadline: PT8H", "deadline: 2026-11-29T13:00:00Z");
        assertThatThrownBy(() -> parser.parse(yaml, "iris.yaml", null, null))
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
        InvalidSpecException e = (InvalidSpecException) org.assertj.core.api.Assertions.catchThrowable(
                () -> parser.parse(yaml, "bad.yaml", null, null));

        assertThat(e.problems()).anyMatch(p -> p.startsWith("name: must be 1-64 letters"))
                .anyMatch(p -> p.startsWith("kind: must be 'train' or 'fine-tune', got 'pretrain'"))
                .anyMatch(p -> p.startsWith("colour: unknown field"))
                .anyMatch(p -> p.startsWith("schedule.deadline: must be an ISO-8601 duration"))
                .anyMatch(p -> p.startsWith("schedule.estimatedDuration: must be a positive duration"))
                .anyMatch(p -> p.startsWith("schedule.zones[0]: unknown zone 'XX'"))
                .anyMatch(p -> p.startsWith("schedule.gpus: must be a whole number"));
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
    void parse_trainingSectionProblems_areIncluded() {
        SpecParser strict = new SpecParser(Clock.fixed(NOW, ZoneOffset.UTC), Set.of(), "DE",
                (spec, dir) -> List.of("model.layers[0].units: must be > 0"));
        assertThatThrownBy(() -> strict.parse(VALID, "iris.yaml", null, null))
                .hasMessageContaining("model.layers[0].units: must be > 0");
    }

    @Test
    void parse_noZones_usesDefaultZone() {
        String yaml = VALID.replace("  zones: [GB, DE]\n", "");
        assertThat(parser.parse(yaml, null, null, null).schedule().zones()).containsExactly("DE");
    }
}
