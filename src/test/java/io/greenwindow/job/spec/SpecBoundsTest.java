package io.greenwindow.job.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bounded field, just inside (accepted) and just outside (refused naming the field) its bounds. */
class SpecBoundsTest {

    static final Instant NOW = Instant.parse("2026-11-29T14:00:00Z");

    @TempDir
    Path root;
    private SpecParser parser;

    private static final String BASE = """
            name: bounds
            team: research
            model: {layers: [{type: dense, units: 4, dropout: 0.1}, {type: output, units: 3}]}
            data: {type: csv, path: d.csv, labelColumn: 4, numClasses: 3, skipLines: 1}
            training: {epochs: 5, batchSize: 16, updater: {type: adam, learningRate: 0.01}, checkpointEvery: PT30S}
            schedule: {deadline: PT8H, estimatedDuration: PT20M, zones: [DE], gpus: 0, priority: 0}
            inference: {requestsPerDay: 1000, lifetimeDays: 365, pue: 1.2}
            """;

    @BeforeEach
    void files() throws Exception {
        Files.writeString(root.resolve("d.csv"), "a,b,c,d,label\n1,2,3,4,0\n");
        parser = new SpecParser(Clock.fixed(NOW, ZoneOffset.UTC), Set.of(), "DE", new AllowedRoots(List.of(root)),
                id -> true);
    }

    private void accepted(String from, String to) {
        String yaml = replaced(from, to);
        assertThat(catchThrowable(() -> parser.parse(yaml, "b.yaml", root, null))).as(to).isNull();
    }

    private void refused(String from, String to, String problem) {
        String yaml = replaced(from, to);
        Throwable e = catchThrowable(() -> parser.parse(yaml, "b.yaml", root, null));
        assertThat(e).as(to).isInstanceOf(InvalidSpecException.class);
        assertThat(((InvalidSpecException) e).problems()).as(to).containsExactly(problem);
    }

    private static String replaced(String from, String to) {
        assertThat(BASE).contains(from);
        return BASE.replace(from, to);
    }

    @Test
    void estimatedDuration_fromOneMinuteToSevenDays() {
        accepted("estimatedDuration: PT20M", "estimatedDuration: PT1M");
        accepted("estimatedDuration: PT20M", "estimatedDuration: P7D");
        refused("estimatedDuration: PT20M", "estimatedDuration: PT0.5S",
                "schedule.estimatedDuration: must be from PT1M to PT168H, got PT0.5S");
        refused("estimatedDuration: PT20M", "estimatedDuration: PT59S",
                "schedule.estimatedDuration: must be from PT1M to PT168H, got PT59S");
        refused("estimatedDuration: PT20M", "estimatedDuration: PT168H1S",
                "schedule.estimatedDuration: must be from PT1M to PT168H, got PT168H1S");
        refused("estimatedDuration: PT20M", "estimatedDuration: PT99999999999999999999H",
                "schedule.estimatedDuration: must be an ISO-8601 duration such as PT20M or PT8H, got "
                        + "'PT99999999999999999999H'");
    }

    @Test
    void deadline_afterNowAndWithinThirtyDays_noYearOverflow() {
        accepted("deadline: PT8H", "deadline: P30D");
        accepted("deadline: PT8H", "deadline: 2026-12-29T14:00:00Z");
        String horizon = "schedule.deadline: must be at most PT720H from now (before 2026-12-29T14:00:00Z), got ";
        refused("deadline: PT8H", "deadline: 2026-12-29T14:00:01Z", horizon + "2026-12-29T14:00:01Z");
        refused("deadline: PT8H", "deadline: P31D", horizon + "P31D");
        refused("deadline: PT8H", "deadline: '+999999999-12-31T23:59:59Z'", horizon + "+999999999-12-31T23:59:59Z");
        refused("deadline: PT8H", "deadline: PT2562047788015215H", horizon + "PT2562047788015215H");
        refused("deadline: PT8H", "deadline: '-999999999-01-01T00:00:00Z'",
                "schedule.deadline: must be after now (2026-11-29T14:00:00Z), got -999999999-01-01T00:00:00Z");
    }

    @Test
    void names_safeCharacterSetAndLength() {
        accepted("name: bounds", "name: " + "n".repeat(64));
        accepted("team: research", "team: ml.team_2-b");
        String rule = "must be " + Names.RULE + ", got '";
        refused("name: bounds", "name: " + "n".repeat(65), "name: " + rule + "n".repeat(65) + "'");
        refused("team: research", "team: " + "t".repeat(65), "team: " + rule + "t".repeat(65) + "'");
        refused("team: research", "team: ../etc", "team: " + rule + "../etc'");
        refused("team: research", "team: \"a b\"", "team: " + rule + "a b'");
        refused("zones: [DE]", "zones: [\"D;E\"]", "schedule.zones[0]: " + rule + "D;E'");
        refused("pue: 1.2", "pue: 1.2, zone: \"x/y\"", "inference.zone: " + rule + "x/y'");
    }

    @Test
    void zones_atMostSixteenDistinct() {
        String sixteen = IntStream.range(0, 16).mapToObj(i -> "Z" + i).collect(Collectors.joining(", "));
        accepted("zones: [DE]", "zones: [" + sixteen + "]");
        refused("zones: [DE]", "zones: [" + sixteen + ", Z16]", "schedule.zones: must list at most 16 zones, got 17");
        refused("zones: [DE]", "zones: [DE, DE]", "schedule.zones[1]: zone 'DE' is listed twice");
    }

    @Test
    void counts_gpusPriorityEpochsBatchSizeUnitsLayers() {
        accepted("gpus: 0", "gpus: 64");
        refused("gpus: 0", "gpus: 65", "schedule.gpus: must be from 0 to 64, got 65");
        refused("gpus: 0", "gpus: -1", "schedule.gpus: must be from 0 to 64, got -1");
        refused("priority: 0", "priority: 1001", "schedule.priority: must be from 0 to 1000, got 1001");
        accepted("epochs: 5", "epochs: 10000");
        refused("epochs: 5", "epochs: 10001", "training.epochs: must be from 1 to 10000, got 10001");
        refused("epochs: 5", "epochs: 2147483647", "training.epochs: must be from 1 to 10000, got 2147483647");
        refused("epochs: 5", "epochs: 99999999999999999999",
                "training.epochs: must be a whole number from 1 to 10000, got '99999999999999999999'");
        accepted("batchSize: 16", "batchSize: 65536");
        refused("batchSize: 16", "batchSize: 65537", "training.batchSize: must be from 1 to 65536, got 65537");
        refused("batchSize: 16", "batchSize: 0", "training.batchSize: must be from 1 to 65536, got 0");
        refused("units: 4,", "units: 65537,", "model.layers[0].units: must be from 1 to 65536, got 65537");
        String layers = IntStream.range(0, 64).mapToObj(i -> "{type: dense, units: 2}").collect(Collectors.joining(", "));
        refused("{type: dense, units: 4, dropout: 0.1}", layers, "model.layers: must be a list of 1 to 64 layers");
    }

    @Test
    void numbers_learningRateDropoutCheckpointAndInference() {
        refused("learningRate: 0.01", "learningRate: 11",
                "training.updater.learningRate: must be > 0.0 and <= 10.0, got 11.0");
        refused("learningRate: 0.01", "learningRate: fast",
                "training.updater.learningRate: must be a number > 0.0 and <= 10.0, got 'fast'");
        refused("dropout: 0.1", "dropout: 1.0", "model.layers[0].dropout: must be >= 0.0 and <= 0.99, got 1.0");
        refused("checkpointEvery: PT30S", "checkpointEvery: PT25H",
                "training.checkpointEvery: must be from PT0.001S to PT24H, got PT25H");
        refused("lifetimeDays: 365", "lifetimeDays: 36501",
                "inference.lifetimeDays: must be from 0 to 36500, got 36501");
        refused("requestsPerDay: 1000", "requestsPerDay: 1e13",
                "inference.requestsPerDay: must be >= 0.0 and <= 1.0E12, got 1.0E13");
        refused("pue: 1.2", "pue: 0.9", "inference.pue: must be >= 1.0 and <= 3.0, got 0.9");
        refused("labelColumn: 4", "labelColumn: 10001", "data.labelColumn: must be from 0 to 10000, got 10001");
    }

    @Test
    void description_boundedAndFreeOfControlCharacters() {
        accepted("name: bounds", "name: bounds\ndescription: a small test");
        refused("name: bounds", "name: bounds\ndescription: \"" + "d".repeat(2001) + "\"",
                "description: must be at most 2000 characters, got 2001");
        refused("name: bounds", "name: bounds\ndescription: \"ring \\a bell\"",
                "description: must not contain control characters");
    }

    @Test
    void deadlineOverride_fromTheCommandLine_isBoundedToo() {
        Throwable e = catchThrowable(() -> parser.parse(BASE, "b.yaml", root, "P365D"));
        assertThat(((InvalidSpecException) e).problems()).singleElement().asString()
                .startsWith("deadline: must be at most PT720H from now");
    }
}
