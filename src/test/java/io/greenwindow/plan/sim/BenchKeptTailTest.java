package io.greenwindow.plan.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchKeptTailTest {

    @TempDir
    Path dir;

    @Test
    void keptTail_whenAnotherBenchmarkWroteItsSection_returnsItFromTheMarkerLineOn() throws Exception {
        Path file = dir.resolve("benchmarks.md");
        String theirs = Bench.KEPT_FROM + "\n## Submission load\n\n| run | p99 |\n|---|---|\n| 8 x 100 | 9 ms |\n"
                + "<!-- submission-load:end -->\n";
        Files.writeString(file, "# Planner benchmarks\n\nold planner tables\n\n" + theirs);

        assertThat(Bench.keptTail(file)).isEqualTo(theirs);
    }

    @Test
    void keptTail_whenTheMarkerIsOnlyMentionedInsideALine_keepsNothing() throws Exception {
        Path file = dir.resolve("benchmarks.md");
        Files.writeString(file, "# Planner benchmarks\n\nsee `" + Bench.KEPT_FROM + "` below\n");

        assertThat(Bench.keptTail(file)).isEmpty();
    }

    @Test
    void keptTail_whenNoFileYet_keepsNothing() throws Exception {
        assertThat(Bench.keptTail(dir.resolve("missing.md"))).isEmpty();
    }

    @Test
    void assemble_whenOneSectionIsRun_keepsTheOthersAndTheOtherBenchmarksTail() {
        String savings = Bench.section("savings").wrap("## Savings\n\nold savings rows\n");
        String capacity = Bench.section("capacity").wrap("## Capacity\n\nold capacity rows\n");
        String tail = Bench.KEPT_FROM + "\n## Submission load\n<!-- submission-load:end -->\n";
        String old = "# Planner benchmarks\n\nhand-written words\n\n" + savings + "\n" + capacity + "\n" + tail;

        String file = Bench.assemble(old, java.util.Map.of("capacity", "## Capacity\n\nnew capacity rows\n"));

        assertThat(file).startsWith(Bench.HEADER).doesNotContain("hand-written words")
                .contains(savings, Bench.section("capacity").wrap("## Capacity\n\nnew capacity rows\n"))
                .doesNotContain("old capacity rows").endsWith(tail);
        assertThat(file.indexOf("## Savings")).isLessThan(file.indexOf("## Capacity"));
    }

    @Test
    void assemble_putsSectionsInTheirFixedOrderWhateverOrderTheyRanIn() {
        java.util.Map<String, String> written = new java.util.LinkedHashMap<>();
        written.put("speed", "## Speed\n");
        written.put("savings", "## Savings\n");

        String file = Bench.assemble("", written);

        assertThat(file.indexOf("## Savings")).isPositive().isLessThan(file.indexOf("## Speed"));
    }
}
