package io.greenwindow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarkedSectionTest {

    private final MarkedSection load = new MarkedSection("submission-load");

    @Test
    void replaceIn_whenTheSectionExists_replacesOnlyItsBody() {
        String text = "# Title\n\nbefore\n<!-- submission-load:begin -->\nold table\n<!-- submission-load:end -->\nafter\n";

        assertThat(load.replaceIn(text, "new table\n")).isEqualTo(
                "# Title\n\nbefore\n<!-- submission-load:begin -->\nnew table\n<!-- submission-load:end -->\nafter\n");
    }

    @Test
    void replaceIn_whenAbsent_appendsItAfterABlankLine() {
        assertThat(load.replaceIn("# Title\n", "rows")).isEqualTo(
                "# Title\n\n<!-- submission-load:begin -->\nrows\n<!-- submission-load:end -->\n");
        assertThat(load.replaceIn("", "rows\n")).isEqualTo(
                "<!-- submission-load:begin -->\nrows\n<!-- submission-load:end -->\n");
    }

    @Test
    void in_whenTheMarkerIsOnlyMentionedInsideALine_findsNothing() {
        String text = "see `<!-- submission-load:begin -->` and `<!-- submission-load:end -->` in the code\n";

        assertThat(load.in(text)).isEmpty();
        assertThat(load.replaceIn(text, "rows\n")).startsWith(text).endsWith(load.wrap("rows\n"));
    }

    @Test
    void in_whenTheEndMarkerIsMissing_findsNothing() {
        assertThat(load.in("<!-- submission-load:begin -->\nrows\n")).isEmpty();
    }

    @Test
    void in_returnsTheSectionWithItsMarkers() {
        String section = "<!-- submission-load:begin -->\nrows\n<!-- submission-load:end -->\n";

        assertThat(load.in("# T\n\n" + section + "\n## Next\n")).contains(section);
    }

    @Test
    void aNameThatCouldBreakTheComment_isRefused() {
        assertThatThrownBy(() -> new MarkedSection("a -->b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a -->b");
    }
}
