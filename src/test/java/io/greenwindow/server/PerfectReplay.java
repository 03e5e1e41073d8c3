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
 * A replay grid adapter over the shipped 2023 traces without forecast noise, so that a test knows which hour the
 * planner must choose, and the search for such an hour. The one place tests write that adapter's definition.
 */
public final class PerfectReplay {

    private PerfectReplay() {
    }

    /** Writes the adapter definition for DE under {@code data}/adapters and returns that folder. */
    public static Path adapters(Path data) throws IOException {
        return adapters(data, "DE");
    }

    /** Writes the adapter definition for {@code zones} (of DE, GB) under {@code data}/adapters (priority 90). */
    public static Path adapters(Path data, String... zones) throws IOException {
        return write(data.resolve("adapters"), 90, zones);
    }

    /**
     * Writes {@code replay.yaml} into {@code dir}: the shipped 2023 hourly trace of each of {@code zones} (DE, GB),
     * replayed as a 72-hour forecast without noise, at {@code priority} in each zone's chain (lower runs first).
     *
     * @return {@code dir}
     */
    public static Path write(Path dir, int priority, String... zones) throws IOException {
        Files.createDirectories(dir);
        StringBuilder traces = new StringBuilder();
        for (String zone : zones) {
            traces.append("  ").append(zone).append(": ")
                    .append(Path.of("grid-adapters/traces/" + zone + "_2023_hourly.csv").toAbsolutePath()).append('\n');
        }
        Files.writeString(dir.resolve("replay.yaml"), """
                name: replay
                kind: replay
                priority: %d
                staleAfter: PT6H
                zones:
                %soptions:
                  column: lca
                  horizon: PT72H
                  noise: 0
                  seed: 1
                """.formatted(priority, traces));
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
