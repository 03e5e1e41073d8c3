package io.greenwindow.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The module as the service builds it: shipped definitions from the classpath, no credentials, H2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GridModuleTest {

    private final SettableClock clock = SettableClock.at("2026-11-29T13:20:00Z");
    private Database db;
    private GridModule grid;

    @BeforeAll
    void open() {
        db = TestDatabases.h2();
        grid = GridModule.create(db, clock, null, Map.of());
    }

    @AfterAll
    void close() {
        grid.close();
        db.close();
    }

    @Test
    void create_withoutCredentials_servesTheReplayZones() {
        assertThat(grid.zones()).containsExactly("DE", "GB", "US-CAL-CISO", "US-MIDA-PJM");
        assertThat(grid.adapters()).filteredOn(a -> a.name().equals("replay"))
                .singleElement().satisfies(a -> assertThat(a.health()).isEqualTo(AdapterStatus.Health.UP));
    }

    @Test
    void forecast_embeddedDefault_isTheReplayForecastWithoutFallbacks() {
        Instant now = clock.instant();
        ForecastResult r = grid.signals().forecast("GB", now, now.plus(Duration.ofHours(6)));
        assertThat(r).isInstanceOf(ForecastResult.Forecast.class);
        ForecastResult.Forecast f = (ForecastResult.Forecast) r;
        assertThat(f.signal().source()).isEqualTo("replay");
        assertThat(f.signal().points()).hasSize(7);
        assertThat(f.fallbacks()).isEmpty();
        assertThat(grid.adapters()).filteredOn(a -> a.name().equals("replay")).singleElement()
                .satisfies(a -> assertThat(a.lastSuccess()).isEqualTo(now));
    }

    @Test
    void forecastKnownAt_embeddedDefault_keepsEachReplayGenerationOnce() {
        Instant now = clock.instant();
        // The background refresh stores the trace's forecast; a second pass in the same generation adds nothing.
        grid.refreshDue();
        clock.advance(Duration.ofMinutes(20)); // past refreshAfter (PT15M), still the 13:00 generation
        grid.refreshDue();
        Signal known = grid.forecastKnownAt("US-MIDA-PJM", clock.instant()).orElseThrow();
        assertThat(known.generatedAt()).isEqualTo(Instant.parse("2026-11-29T13:00:00Z"));
        assertThat(known.start()).isEqualTo(Instant.parse("2026-11-29T13:00:00Z"));
        assertThat(known.end()).isAfterOrEqualTo(now.plus(Duration.ofHours(6)));
        clock.set(now); // the other tests of this instance start at 13:20
        long stored = new io.greenwindow.db.Jdbc(db.dataSource()).queryOne(
                "SELECT COUNT(*) FROM grid_forecast WHERE zone = 'US-MIDA-PJM'", rs -> rs.getLong(1)).orElseThrow();
        assertThat(stored).isEqualTo(1);
    }

    @Test
    void forecast_unservedZone_isUnavailableWithReason() {
        ForecastResult r = grid.signals().forecast("FR", clock.instant(), clock.instant().plusSeconds(3600));
        assertThat(r).isEqualTo(new ForecastResult.Unavailable("FR", "no enabled grid adapter serves zone FR"));
    }

    @Test
    void history_pastDayOnEmbeddedDefault_coversEveryHourForTheLedger() {
        Instant from = Instant.parse("2026-11-28T00:00:00Z");
        Instant to = Instant.parse("2026-11-29T00:00:00Z");
        Signal h = grid.signals().history("DE", from, to).orElseThrow();
        assertThat(h.start()).isEqualTo(from);
        assertThat(h.end()).isEqualTo(to);
        assertThat(h.points()).hasSize(24);
        assertThat(h.intensityAt(Instant.parse("2026-11-28T12:30:00Z"))).isPositive();
    }

    @Test
    void history_futureWindow_isEmpty() {
        assertThat(grid.signals().history("DE", Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-02T00:00:00Z")))
                .isEmpty();
    }
}
