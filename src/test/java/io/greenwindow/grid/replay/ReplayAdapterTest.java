package io.greenwindow.grid.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.greenwindow.grid.EmissionScope;
import io.greenwindow.grid.GridFetchException;
import io.greenwindow.grid.SettableClock;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalKind;
import io.greenwindow.grid.SignalPoint;
import io.greenwindow.grid.TestDefinitions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayAdapterTest {

    private static final Path FOLDER = Path.of("grid-adapters");
    private final SettableClock clock = SettableClock.at("2026-11-29T13:20:00Z");

    @Test
    void forecast_withoutNoise_isTheTraceAheadOfNowOnTheSameDayOfYear() throws IOException {
        ReplayAdapter replay = adapter("noise: 0");
        Instant now = clock.instant();

        Signal s = replay.forecast("DE", now, now.plus(Duration.ofHours(24)));

        assertThat(s.source()).isEqualTo("replay");
        assertThat(s.kind()).isEqualTo(SignalKind.AVERAGE);
        assertThat(s.scope()).isEqualTo(EmissionScope.LIFECYCLE);
        assertThat(s.generatedAt()).isEqualTo(Instant.parse("2026-11-29T13:00:00Z"));
        // [13:20, 13:20 next day) touches 25 hourly intervals: the one in progress and the 24 after it.
        assertThat(s.points()).hasSize(25);
        assertThat(s.start()).isEqualTo(Instant.parse("2026-11-29T13:00:00Z"));
        // 2026-11-29 is day 333, as is 2023-11-29: the rows of that day in the shipped export.
        assertThat(s.points().get(0).gPerKwh()).isEqualTo(lcaAt("DE", "2023-11-29 13:00:00"));
        assertThat(s.points().get(11).gPerKwh()).isEqualTo(lcaAt("DE", "2023-11-30 00:00:00"));
    }

    @Test
    void forecast_beyondHorizon_isCutAtTheHorizon() {
        ReplayAdapter replay = adapter("noise: 0\n  horizon: PT12H");
        Instant now = clock.instant();
        Signal s = replay.forecast("GB", now, now.plus(Duration.ofHours(48)));
        assertThat(s.end()).isEqualTo(Instant.parse("2026-11-30T01:00:00Z"));
    }

    @Test
    void forecast_withNoise_isSeededReproducibleAndOfTheConfiguredSize() {
        Instant now = clock.instant();
        Instant to = now.plus(Duration.ofHours(72));
        Signal truth = adapter("noise: 0").forecast("DE", now, to);
        Signal a = adapter("noise: 0.05\n  seed: 7").forecast("DE", now, to);
        Signal b = adapter("noise: 0.05\n  seed: 7").forecast("DE", now, to);
        Signal c = adapter("noise: 0.05\n  seed: 8").forecast("DE", now, to);

        assertThat(a.points()).isEqualTo(b.points());
        assertThat(a.points()).isNotEqualTo(c.points());
        double mean = adapter("noise: 0").trace("DE").mean();
        double sumSq = 0;
        for (int i = 0; i < truth.points().size(); i++) {
            double e = a.points().get(i).gPerKwh() - truth.points().get(i).gPerKwh();
            sumSq += e * e;
        }
        double sigmaShare = Math.sqrt(sumSq / truth.points().size()) / mean;
        // 72 draws of σ = 5 % of the mean: the sample σ lies well inside 3–7 %.
        assertThat(sigmaShare).isBetween(0.03, 0.07);
    }

    @Test
    void history_pastWindow_isTheTraceWithoutNoiseAndStopsAtNow() throws IOException {
        ReplayAdapter replay = adapter("noise: 0.2");
        Signal h = replay.history("US-CAL-CISO", Instant.parse("2026-11-29T10:30:00Z"), Instant.parse("2026-11-29T18:00:00Z"))
                .orElseThrow();
        assertThat(h.isForecast()).isFalse();
        assertThat(h.start()).isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
        // 10:00, 11:00, 12:00 and the interval in progress at 13:20.
        assertThat(h.points()).extracting(SignalPoint::gPerKwh).containsExactly(
                lcaAt("US-CAL-CISO", "2023-11-29 10:00:00"), lcaAt("US-CAL-CISO", "2023-11-29 11:00:00"),
                lcaAt("US-CAL-CISO", "2023-11-29 12:00:00"), lcaAt("US-CAL-CISO", "2023-11-29 13:00:00"));
    }

    @Test
    void history_directColumnAndHalfHourStep_isResampledAndLabelledDirect() throws IOException {
        ReplayAdapter replay = adapter("noise: 0\n  column: direct", "step: PT30M\n");
        Signal h = replay.history("GB", Instant.parse("2026-11-29T10:00:00Z"), Instant.parse("2026-11-29T12:00:00Z"))
                .orElseThrow();
        assertThat(h.scope()).isEqualTo(EmissionScope.DIRECT);
        assertThat(h.step()).isEqualTo(Duration.ofMinutes(30));
        assertThat(h.points()).hasSize(4);
        assertThat(h.points().get(1).gPerKwh()).isCloseTo(directAt("GB", "2023-11-29 10:00:00"), within(1e-9));
        assertThat(h.points()).noneMatch(SignalPoint::filled);
    }

    @Test
    void forecast_plainTimeValueTrace_repeatsTheDayOntoThePresent(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        StringBuilder csv = new StringBuilder("time,value\n");
        for (int h = 0; h < 24; h++) {
            csv.append("2024-06-01T%02d:00:00Z,%d\n".formatted(h, 100 + h));
        }
        Files.writeString(dir.resolve("day.csv"), csv);
        ReplayAdapter replay = new ReplayAdapter(TestDefinitions.yaml("""
                name: my-trace
                kind: replay
                zones:
                  LAB: day.csv
                """), dir, clock);
        Signal s = replay.forecast("LAB", clock.instant(), clock.instant().plus(Duration.ofHours(3)));
        // A one-day trace repeats every day: 13:00 today is the trace's 13:00.
        assertThat(s.points()).extracting(SignalPoint::gPerKwh).containsExactly(113.0, 114.0, 115.0, 116.0);
        assertThat(s.source()).isEqualTo("my-trace");
    }

    @Test
    void forecast_unknownZone_failsNamingTheServedZones() {
        assertThatThrownBy(() -> adapter("noise: 0").forecast("FR", clock.instant(), clock.instant().plusSeconds(3600)))
                .isInstanceOf(GridFetchException.class).hasMessageContaining("FR").hasMessageContaining("DE");
    }

    @Test
    void options_badHorizon_isRefusedNamingTheOption() {
        assertThatThrownBy(() -> adapter("horizon: 3 days"))
                .hasMessage("test.yaml: options.horizon '3 days' must be an ISO-8601 duration such as PT15M");
    }

    @Test
    void options_badColumn_isRefusedNamingTheOption() {
        assertThatThrownBy(() -> adapter("column: scope3"))
                .hasMessageContaining("options.column").hasMessageContaining("scope3");
    }

    private ReplayAdapter adapter(String options) {
        return adapter(options, "");
    }

    private ReplayAdapter adapter(String options, String extra) {
        return new ReplayAdapter(TestDefinitions.yaml("""
                name: replay
                kind: replay
                %szones:
                  DE: traces/DE_2023_hourly.csv
                  GB: traces/GB_2023_hourly.csv
                  US-CAL-CISO: traces/US-CAL-CISO_2023_hourly.csv
                options:
                  %s
                """.formatted(extra, options)), FOLDER, clock);
    }

    /** The LCA value of one row of a shipped export, read independently of TraceCsv. */
    static double lcaAt(String zone, String datetime) throws IOException {
        return column(zone, datetime, 5);
    }

    static double directAt(String zone, String datetime) throws IOException {
        return column(zone, datetime, 4);
    }

    private static double column(String zone, String datetime, int col) throws IOException {
        List<String> lines = Files.readAllLines(FOLDER.resolve("traces/" + zone + "_2023_hourly.csv"), StandardCharsets.UTF_8);
        return lines.stream().filter(l -> l.startsWith(datetime)).findFirst()
                .map(l -> Double.parseDouble(l.split(",")[col])).orElseThrow();
    }
}
