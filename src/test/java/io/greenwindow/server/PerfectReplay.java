package io.greenwindow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.grid.ForecastResult;
import io.greenwindow.grid.Signal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiPredicate;

/**
 * A replay grid adapter over the shipped DE 2023 trace without forecast noise, so that a test knows which hour the
 * planner must choose, and the search for such an hour.
 */
public final class PerfectReplay {

    private PerfectReplay() {
    }

    /** Writes the adapter definition under {@code data}/adapters and returns that folder. */
    public static Path adapters(Path data) throws IOException {
        Path dir = data.resolve("adapters");
        Files.createDirectories(dir);
        Path trace = Path.of("grid-adapters/traces/DE_2023_hourly.csv").toAbsolutePath();
        Files.writeString(dir.resolve("replay.yaml"), """
                name: replay
                kind: replay
                priority: 90
                staleAfter: PT6H
                zones:
                  DE: %s
                options:
                  column: lca
                  horizon: PT72H
                  noise: 0
                  seed: 1
                """.formatted(trace));
        return dir;
    }

    /**
     * The first hour boundary on 2026-03-02 (01:00 to 22:00) whose intensity, against the hour before it, passes
     * {@code test(previous, hour)} in the forecast of DE.
     */
    public static Instant hour(Greenwindow service, BiPredicate<Double, Double> test) {
        Instant day = Instant.parse("2026-03-02T00:00:00Z");
        ForecastResult result = service.grid().signals().forecast("DE", day, day.plus(Duration.ofHours(24)));
        assertThat(result).isInstanceOf(ForecastResult.Forecast.class);
        Signal s = ((ForecastResult.Forecast) result).signal();
        for (Instant h = day.plus(Duration.ofHours(1)); h.isBefore(day.plus(Duration.ofHours(23))); h = h.plus(Duration.ofHours(1))) {
            if (test.test(s.intensityAt(h.minus(Duration.ofHours(1))), s.intensityAt(h))) {
                return h;
            }
        }
        throw new AssertionError("no such hour on " + day);
    }
}
