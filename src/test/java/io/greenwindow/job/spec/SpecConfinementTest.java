package io.greenwindow.job.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9's file-read probes: every path a spec names must really lie under the allowed roots. */
class SpecConfinementTest {

    @TempDir
    Path tmp;
    private Path root;
    private Path specs;
    private SpecParser parser;
    private String outside;

    @BeforeEach
    void roots() throws Exception {
        root = Files.createDirectories(tmp.resolve("root")).toRealPath();
        specs = Files.createDirectories(root.resolve("specs"));
        Files.writeString(specs.resolve("iris.csv"), "a,b,label\n1,2,0\n");
        parser = new SpecParser(Clock.fixed(Instant.parse("2026-11-29T14:00:00Z"), ZoneOffset.UTC), Set.of(), "DE",
                new AllowedRoots(List.of(root)), id -> true);
        outside = " is outside the allowed roots (" + root + "; set GREENWINDOW_DATA_ROOTS to allow more)";
    }

    private static String spec(String model, String dataPath, String kind) {
        return "name: probe\nkind: " + kind + "\nmodel: " + model + "\n"
                + "data: {type: csv, path: '" + dataPath + "', labelColumn: 2, numClasses: 2, skipLines: 1}\n"
                + "schedule: {deadline: PT8H, estimatedDuration: PT10M}\n";
    }

    private static final String LAYERS = "{layers: [{type: output, units: 2}]}";

    private List<String> problems(String yaml, Path specDir) {
        Throwable e = catchThrowable(() -> parser.parse(yaml, "probe.yaml", specDir, null));
        assertThat(e).as("refused").isInstanceOf(InvalidSpecException.class);
        return ((InvalidSpecException) e).problems();
    }

    @Test
    void dataPath_procSelfEnvironAndEtcShadow_refusedNamingTheField() {
        assertThat(problems(spec(LAYERS, "/proc/self/environ", "train"), specs))
                .containsExactly("data.path: /proc/self/environ" + outside);
        assertThat(problems(spec(LAYERS, "/etc/shadow", "train"), specs))
                .containsExactly("data.path: /etc/shadow" + outside);
    }

    @Test
    void dataPath_dotDotSegmentsOutOfTheRoot_refused() {
        assertThat(problems(spec(LAYERS, "../../../../../../../../etc/passwd", "train"), specs))
                .containsExactly("data.path: /etc/passwd" + outside);
    }

    @Test
    void dataPath_dotDotSegmentsStayingInside_acceptedAsTheRealPath() throws Exception {
        JobDocument doc = parser.parse(spec(LAYERS, "../specs/./iris.csv", "train"), "p.yaml", specs, null);
        assertThat(((DataSpec.Csv) doc.data()).path()).isEqualTo(specs.resolve("iris.csv"));
    }

    @Test
    void dataPath_symlinkOutOfTheRoot_refusedSayingWhereItLeads() throws Exception {
        Path link = Files.createSymbolicLink(specs.resolve("innocent.csv"), Path.of("/etc/passwd"));
        assertThat(problems(spec(LAYERS, "innocent.csv", "train"), specs)).containsExactly(
                "data.path: " + link + " leads to /etc/passwd," + outside.substring(" is".length()));
    }

    @Test
    void modelConfigAndSaved_outsideTheRoots_refused() {
        assertThat(problems(spec("{config: /etc/passwd}", "iris.csv", "train"), specs))
                .containsExactly("model.config: /etc/passwd" + outside);
        assertThat(problems(spec("{saved: /proc/self/environ}", "iris.csv", "train"), specs))
                .containsExactly("model.saved: /proc/self/environ" + outside);
    }

    @Test
    void modelBase_pathOutsideOrTraversingIds_refused() {
        String output = ", output: {units: 2}}";
        assertThat(problems(spec("{base: /etc/shadow" + output, "iris.csv", "fine-tune"), specs))
                .containsExactly("model.base: /etc/shadow" + outside);
        assertThat(problems(spec("{base: 'job:../../../../..'" + output, "iris.csv", "fine-tune"), specs))
                .containsExactly("model.base: job:<id> needs a job id of 1-64 letters, digits, '_' or '-', got "
                        + "'../../../../..'");
        assertThat(problems(spec("{base: 'latest:../x'" + output, "iris.csv", "fine-tune"), specs))
                .containsExactly("model.base: latest:<name> needs a spec name of " + Names.RULE + ", got '../x'");
    }

    @Test
    void specDir_rootOfTheDiskOrAFolderOutside_refused() {
        assertThat(problems(spec(LAYERS, "iris.csv", "train"), Path.of("/")))
                .containsExactly("specDir: /" + outside);
        assertThat(problems(spec(LAYERS, "iris.csv", "train"), tmp))
                .containsExactly("specDir: " + tmp + outside);
    }

    @Test
    void fromEnvironment_pathSeparatedList_replacesTheDefaults() throws Exception {
        Path other = Files.createDirectories(tmp.resolve("other")).toRealPath();
        AllowedRoots roots = AllowedRoots.fromEnvironment(Map.of(AllowedRoots.ENV, root + ":" + other), tmp);
        assertThat(roots.roots()).containsExactly(root, other);
        AllowedRoots defaults = AllowedRoots.fromEnvironment(Map.of(), tmp);
        assertThat(defaults.roots()).containsExactly(tmp.toRealPath(),
                AllowedRoots.EXAMPLES.toAbsolutePath().toRealPath());
    }

    @Test
    void names_withControlCharacters_refusedAndNeverEchoedRaw() {
        String yaml = spec(LAYERS, "iris.csv", "train").replace("name: probe", "name: \"probe\\e[2J\\a\"")
                + "team: \"re\\rsearch\"\n";
        List<String> problems = problems(yaml, specs);
        assertThat(problems).anyMatch(p -> p.startsWith("name: must be 1-64 letters"))
                .anyMatch(p -> p.startsWith("team: must be 1-64 letters"))
                .allSatisfy(p -> assertThat(p.codePoints().noneMatch(Character::isISOControl)).as(p).isTrue());
        assertThat(problems).anyMatch(p -> p.endsWith("got 'probe\\u001b[2J'"));
    }
}
