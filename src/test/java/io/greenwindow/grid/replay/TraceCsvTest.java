package io.greenwindow.grid.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TraceCsvTest {

    /** The shipped traces, as the project packages them (grid-adapters/ at the top of the tree). */
    static final Path TRACES = Path.of("grid-adapters", "traces");

    @Test
    void read_shippedElectricityMapsExport_givesWholeYearHourlyLcaColumn() throws IOException {
        try (InputStream in = Files.newInputStream(TRACES.resolve("DE_2023_hourly.csv"))) {
            Trace trace = TraceCsv.read("DE_2023_hourly.csv", in, TraceCsv.Column.LCA);
            assertThat(trace.size()).isEqualTo(8760);
            assertThat(trace.start()).isEqualTo(Instant.parse("2023-01-01T00:00:00Z"));
            assertThat(trace.step()).isEqualTo(Duration.ofHours(1));
            assertThat(trace.coversYear()).isTrue();
            // First data row: 2023-01-01 00:00:00,Germany,Germany,DE,140.51,185.8,...
            assertThat(trace.gPerKwh()[0]).isEqualTo(185.8);
        }
    }

    @Test
    void read_directColumn_picksDirectNotLca() throws IOException {
        try (InputStream in = Files.newInputStream(TRACES.resolve("DE_2023_hourly.csv"))) {
            Trace trace = TraceCsv.read("DE", in, TraceCsv.Column.DIRECT);
            assertThat(trace.gPerKwh()[0]).isEqualTo(140.51);
            assertThat(trace.gPerKwh()[1]).isEqualTo(140.44);
        }
    }

    @Test
    void read_plainTimeValueCsv_withIsoTimes_isParsed() throws IOException {
        String csv = "time,value\n2024-03-01T00:00:00Z,100\n2024-03-01T00:30:00Z,120.5\n2024-03-01T01:00:00Z,90\n";
        Trace trace = TraceCsv.read("plain", in(csv), TraceCsv.Column.LCA);
        assertThat(trace.step()).isEqualTo(Duration.ofMinutes(30));
        assertThat(trace.gPerKwh()).containsExactly(100, 120.5, 90);
        assertThat(trace.coversYear()).isFalse();
    }

    @Test
    void read_gapInTimes_isRefusedNamingTheLine() {
        String csv = "time,value\n2024-03-01 00:00:00,100\n2024-03-01 01:00:00,120\n2024-03-01 03:00:00,90\n";
        assertThatThrownBy(() -> TraceCsv.read("gappy.csv", in(csv), TraceCsv.Column.LCA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gappy.csv:4:1:").hasMessageContaining("fixed step of PT1H");
    }

    @Test
    void read_negativeValue_isRefusedNamingTheValue() {
        String csv = "time,value\n2024-03-01 00:00:00,100\n2024-03-01 01:00:00,-3\n";
        assertThatThrownBy(() -> TraceCsv.read("neg.csv", in(csv), TraceCsv.Column.LCA))
                .hasMessageContaining("neg.csv:3:").hasMessageContaining("'-3'");
    }

    @Test
    void read_headerWithoutIntensityColumns_isRefused() {
        String csv = "a,b,c\n2024-03-01 00:00:00,1,2\n";
        assertThatThrownBy(() -> TraceCsv.read("odd.csv", in(csv), TraceCsv.Column.LCA))
                .hasMessageContaining("odd.csv").hasMessageContaining("(lca)");
    }

    @Test
    void valueFor_presentInstant_mapsOntoSameDayOfYearAndHour() throws IOException {
        StringBuilder b = new StringBuilder("time,value\n");
        Instant t = Instant.parse("2023-01-01T00:00:00Z");
        for (int i = 0; i < 8760; i++) {
            b.append(t.plus(Duration.ofHours(i)).toString()).append(',').append(i).append('\n');
        }
        Trace trace = TraceCsv.read("year", in(b.toString()), TraceCsv.Column.LCA);
        // 2026-11-29 is day 333; 13:00 → index (333 - 1) * 24 + 13
        assertThat(trace.valueFor(Instant.parse("2026-11-29T13:20:00Z"))).isEqualTo(332 * 24 + 13);
        // Leap year: 31 December 2028 is day 366 and maps onto the trace's last day.
        assertThat(trace.valueFor(Instant.parse("2028-12-31T05:00:00Z"))).isEqualTo(364 * 24 + 5);
    }

    @Test
    void valueFor_shortTrace_repeatsFromItsStart() throws IOException {
        String csv = "time,value\n2024-03-01 00:00:00,10\n2024-03-01 01:00:00,20\n2024-03-01 02:00:00,30\n";
        Trace trace = TraceCsv.read("short", in(csv), TraceCsv.Column.LCA);
        assertThat(trace.valueFor(Instant.parse("2024-03-01T04:30:00Z"))).isEqualTo(20);
        assertThat(trace.valueFor(Instant.parse("2024-02-29T23:00:00Z"))).isEqualTo(30);
    }

    private static InputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
