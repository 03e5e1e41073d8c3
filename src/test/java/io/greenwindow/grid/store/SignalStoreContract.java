package io.greenwindow.grid.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.greenwindow.db.Database;
import io.greenwindow.db.DatabaseException;
import io.greenwindow.db.Jdbc;
import io.greenwindow.grid.EmissionScope;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalKind;
import io.greenwindow.grid.SignalPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What any database must do for {@link JdbcSignalStore}; run on H2 and on a real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SignalStoreContract {

    private static final Instant T0 = Instant.parse("2026-11-29T13:00:00Z");
    private Database db;
    private JdbcSignalStore store;

    abstract Database open();

    @BeforeAll
    void openDatabase() {
        db = open();
        store = new JdbcSignalStore(db);
    }

    @BeforeEach
    void empty() {
        Jdbc jdbc = new Jdbc(db.dataSource());
        jdbc.execute("DELETE FROM grid_forecast_point");
        jdbc.execute("DELETE FROM grid_forecast");
        jdbc.execute("DELETE FROM grid_history_point");
        jdbc.execute("DELETE FROM grid_request_count");
    }

    @AfterAll
    void closeDatabase() {
        db.close();
    }

    @Test
    void recordForecast_thenLatest_givesTheSameSignalBack() {
        Signal f = forecast("electricitymaps", Instant.parse("2026-11-29T13:04:37Z"), 30, 412.5, 398.25, 377);
        store.recordForecast(f, Instant.parse("2026-11-29T13:05:00Z"));
        assertThat(store.latestForecast("DE", "electricitymaps")).contains(f);
    }

    @Test
    void latestForecast_twoGenerations_givesTheNewerOne() {
        Signal older = forecast("electricitymaps", T0, 60, 100, 110);
        Signal newer = forecast("electricitymaps", T0.plus(Duration.ofHours(1)), 60, 200, 210);
        store.recordForecast(newer, T0.plus(Duration.ofHours(1)));
        store.recordForecast(older, T0.plus(Duration.ofHours(2)));
        assertThat(store.latestForecast("DE", "electricitymaps")).contains(newer);
        assertThat(store.latestForecast("DE", "watttime")).isEmpty();
    }

    @Test
    void forecastKnownAt_givesWhatWasNewestThen() {
        Signal first = forecast("electricitymaps", T0, 60, 100);
        Signal second = forecast("electricitymaps", T0.plus(Duration.ofHours(1)), 60, 200);
        store.recordForecast(first, T0.plusSeconds(60));
        store.recordForecast(second, T0.plus(Duration.ofHours(1)).plusSeconds(60));
        assertThat(store.forecastKnownAt("DE", "electricitymaps", T0.plus(Duration.ofMinutes(30)))).contains(first);
        assertThat(store.forecastKnownAt("DE", "electricitymaps", T0.plus(Duration.ofHours(3)))).contains(second);
        assertThat(store.forecastKnownAt("DE", "electricitymaps", T0)).isEmpty();
    }

    @Test
    void recordHistory_overlappingFetch_replacesRevisedValues() {
        store.recordHistory(history(T0, 100, 110, 120), T0.plus(Duration.ofHours(3)));
        store.recordHistory(history(T0.plus(Duration.ofHours(1)), 111, 121, 131), T0.plus(Duration.ofHours(4)));
        Signal h = store.history("DE", "electricitymaps", T0, T0.plus(Duration.ofHours(4))).orElseThrow();
        assertThat(h.points()).extracting(SignalPoint::gPerKwh).containsExactly(100.0, 111.0, 121.0, 131.0);
        assertThat(h.isForecast()).isFalse();
    }

    @Test
    void history_fromInsideAnInterval_startsAtThatIntervalAndStopsAtTheFirstGap() {
        store.recordHistory(history(T0, 100, 110), T0);
        store.recordHistory(history(T0.plus(Duration.ofHours(3)), 130), T0);
        Signal h = store.history("DE", "electricitymaps", T0.plus(Duration.ofMinutes(30)), T0.plus(Duration.ofHours(5)))
                .orElseThrow();
        assertThat(h.start()).isEqualTo(T0);
        assertThat(h.end()).isEqualTo(T0.plus(Duration.ofHours(2)));
    }

    @Test
    void instants_roundTripExactly_whateverTheServerTimeZone() {
        Instant generated = Instant.parse("2026-03-29T01:30:00Z"); // a DST change in Europe, a non-hour in São Paulo
        Signal f = new Signal("GB", "gb", SignalKind.AVERAGE, EmissionScope.DIRECT, Duration.ofMinutes(30), generated,
                List.of(SignalPoint.of(generated, 99), new SignalPoint(generated.plus(Duration.ofMinutes(30)), 101, true)));
        store.recordForecast(f, generated);
        Signal back = store.latestForecast("GB", "gb").orElseThrow();
        assertThat(back.generatedAt()).isEqualTo(generated);
        assertThat(back.points()).isEqualTo(f.points());
    }

    @Test
    void recordForecast_failingHalfway_leavesNothingOfItAndKeepsWhatWasStored() {
        Signal kept = forecast("electricitymaps", T0, 60, 100, 110);
        store.recordForecast(kept, T0);
        // A zone name longer than the column fails inside the transaction, as a crash there would.
        String longZone = "Z".repeat(80);
        Signal broken = new Signal(longZone, "electricitymaps", SignalKind.AVERAGE, EmissionScope.LIFECYCLE,
                Duration.ofHours(1), T0.plusSeconds(60), List.of(SignalPoint.of(T0, 1)));
        assertThatThrownBy(() -> store.recordForecast(broken, T0)).isInstanceOf(DatabaseException.class);
        assertThat(store.latestForecast("DE", "electricitymaps")).contains(kept);
        long rows = new Jdbc(db.dataSource()).queryOne("SELECT COUNT(*) FROM grid_forecast", rs -> rs.getLong(1)).orElseThrow();
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void recordForecast_historySignal_isRefused() {
        assertThatThrownBy(() -> store.recordForecast(history(T0, 1), T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("generation time");
    }

    @Test
    void deleteForecastsGeneratedBefore_removesOnlyOlderOnesAndTheirPoints() {
        store.recordForecast(forecast("electricitymaps", T0, 60, 100, 110), T0);
        Signal newer = forecast("electricitymaps", T0.plus(Duration.ofDays(8)), 60, 200);
        store.recordForecast(newer, T0.plus(Duration.ofDays(8)));
        assertThat(store.deleteForecastsGeneratedBefore(T0.plus(Duration.ofDays(7)))).isEqualTo(1);
        assertThat(store.latestForecast("DE", "electricitymaps")).contains(newer);
        long points = new Jdbc(db.dataSource()).queryOne("SELECT COUNT(*) FROM grid_forecast_point", rs -> rs.getLong(1))
                .orElseThrow();
        assertThat(points).isEqualTo(1);
    }

    @Test
    void requestBudget_afterRestart_remembersWhatWasSpent() {
        io.greenwindow.grid.SettableClock clock = new io.greenwindow.grid.SettableClock(T0);
        var before = new io.greenwindow.grid.http.RequestBudget("em", 2, Duration.ofDays(30), clock, new JdbcRequestCounts(db));
        assertThat(before.tryAcquire()).isTrue();
        assertThat(before.tryAcquire()).isTrue();
        clock.advance(Duration.ofDays(1));
        var after = new io.greenwindow.grid.http.RequestBudget("em", 2, Duration.ofDays(30), clock, new JdbcRequestCounts(db));
        assertThat(after.used()).isEqualTo(2);
        assertThat(after.tryAcquire()).isFalse();
        assertThat(after.resetsAt()).isEqualTo(T0.plus(Duration.ofDays(30)));
    }

    private static Signal forecast(String source, Instant generated, int stepMinutes, double... values) {
        List<SignalPoint> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new SignalPoint(T0.plus(Duration.ofMinutes((long) stepMinutes * i)), values[i], i == 1));
        }
        return new Signal("DE", source, SignalKind.AVERAGE, EmissionScope.LIFECYCLE, Duration.ofMinutes(stepMinutes),
                generated, points);
    }

    private static Signal history(Instant start, double... values) {
        List<SignalPoint> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(SignalPoint.of(start.plus(Duration.ofHours(i)), values[i]));
        }
        return new Signal("DE", "electricitymaps", SignalKind.AVERAGE, EmissionScope.LIFECYCLE, Duration.ofHours(1),
                null, points);
    }
}
