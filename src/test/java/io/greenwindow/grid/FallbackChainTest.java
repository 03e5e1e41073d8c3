package io.greenwindow.grid;

import static io.greenwindow.grid.http.ProviderFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.grid.http.ProviderServer;
import io.greenwindow.grid.store.JdbcSignalStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.greenwindow.db.Jdbc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chain per zone as the service runs it: Electricity Maps (a MockWebServer) first, the replay trace behind it,
 * H2 storage. The background refresh is run here with {@link GridModule#refreshDue()}; requests read the store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FallbackChainTest {

    private static final String TOKEN = "em-secret-token-4711";
    private static final String EM_ERROR = "HTTP 500 from /v3/carbon-intensity/forecast after 3 attempts";
    private static final String EM_FAILED = "electricitymaps: " + EM_ERROR;
    private static final String NOT_YET = "electricitymaps: no forecast fetched yet for DE; last refresh: ";
    private final SettableClock clock = SettableClock.at("2026-11-29T13:20:00Z");
    @RegisterExtension
    final ProviderServer server = new ProviderServer();
    private Database db;

    @BeforeAll
    void openDatabase() {
        db = TestDatabases.h2();
    }

    @AfterAll
    void closeDatabase() {
        db.close();
    }

    @BeforeEach
    void start() {
        clock.set(Instant.parse("2026-11-29T13:20:00Z"));
        Jdbc jdbc = new Jdbc(db.dataSource());
        jdbc.execute("DELETE FROM grid_forecast_point");
        jdbc.execute("DELETE FROM grid_forecast");
        jdbc.execute("DELETE FROM grid_history_point");
        jdbc.execute("DELETE FROM grid_request_count");
        jdbc.execute("DELETE FROM grid_adapter_health");
    }

    @Test
    void forecast_firstProviderDown_fallsBackToReplayAndRecordsWhy() {
        failThrice();
        try (GridModule grid = module(true)) {
            grid.refreshDue();
            ForecastResult.Forecast f = forecast(grid);
            assertThat(f.signal().source()).isEqualTo("replay");
            assertThat(f.fallbacks()).containsExactly(NOT_YET + EM_ERROR);
            AdapterStatus em = status(grid, "electricitymaps");
            assertThat(em.health()).isEqualTo(AdapterStatus.Health.DOWN);
            assertThat(em.lastError()).isEqualTo("HTTP 500 from /v3/carbon-intensity/forecast after 3 attempts");
            assertThat(em.lastFailure()).isEqualTo(clock.instant());
            assertThat(em.requestsUsed()).isEqualTo(3);
            assertThat(status(grid, "replay").health()).isEqualTo(AdapterStatus.Health.UP);
        }
    }

    @Test
    void forecast_providerDownAfterSuccess_usesItsStoredForecastWhileFresh() {
        server.enqueue(json(200, "electricitymaps/de-2026-11-29-forecast.json"));
        try (GridModule grid = module(true)) {
            grid.refreshDue();
            assertThat(forecast(grid).signal().source()).isEqualTo("electricitymaps");
            clock.advance(Duration.ofMinutes(90));
            failThrice();
            grid.refreshDue();

            ForecastResult.Forecast f = forecast(grid);

            assertThat(f.signal().source()).isEqualTo("electricitymaps");
            assertThat(f.signal().generatedAt()).isEqualTo(Instant.parse("2026-11-29T13:04:37Z"));
            assertThat(f.signal().start()).isEqualTo(Instant.parse("2026-11-29T14:00:00Z"));
            assertThat(f.fallbacks()).containsExactly(EM_FAILED
                    + "; using its forecast generated at 2026-11-29T13:04:37Z from the database");
        }
    }

    @Test
    void refresh_withinRefreshAfter_asksNothingAndRequestsOnlyReadTheStore() {
        server.enqueue(json(200, "electricitymaps/de-2026-11-29-forecast.json"));
        try (GridModule grid = module(true)) {
            grid.refreshDue();
            assertThat(server.getRequestCount()).isEqualTo(1);
            for (int i = 0; i < 5; i++) {
                assertThat(forecast(grid).signal().source()).isEqualTo("electricitymaps");
            }
            grid.signals().forecast("DE", clock.instant(), clock.instant().plus(Duration.ofHours(48)));
            clock.advance(Duration.ofMinutes(10));
            grid.refreshDue();
            assertThat(server.getRequestCount()).isEqualTo(1);
            // Another node (or a restart) on the same database sees the fresh fetch and spares the budget too.
            try (GridModule other = module(true)) {
                other.refreshDue();
            }
            assertThat(server.getRequestCount()).isEqualTo(1);
            clock.advance(Duration.ofMinutes(6)); // refreshAfter (PT15M) has passed
            server.enqueue(json(200, "electricitymaps/de-2026-11-29-forecast.json"));
            grid.refreshDue();
            assertThat(server.getRequestCount()).isEqualTo(2);
        }
    }

    @Test
    void forecastKnownAt_afterTwoFetches_givesWhatWasKnownThen() {
        server.enqueue(json(200, "electricitymaps/de-2026-11-29-forecast-short.json"));
        server.enqueue(json(200, "electricitymaps/de-2026-11-29-forecast.json"));
        try (GridModule grid = module(true)) {
            grid.refreshDue();
            clock.advance(Duration.ofHours(1));
            grid.refreshDue();
            Signal known = grid.forecastKnownAt("DE", Instant.parse("2026-11-29T13:30:00Z")).orElseThrow();
            assertThat(known.points()).hasSize(2);
            assertThat(grid.forecastKnownAt("DE", Instant.parse("2026-11-29T13:00:00Z"))).isEmpty();
        }
    }

    @Test
    void forecast_storedForecastPastStalenessLimit_isNotUsed() {
        server.enqueue(json(200, "electricitymaps/de-2026-11-29-forecast.json"));
        try (GridModule grid = module(true)) {
            grid.refreshDue();
            clock.advance(Duration.ofHours(4)); // staleAfter is PT3H
            failThrice();
            grid.refreshDue();
            ForecastResult.Forecast f = forecast(grid);
            assertThat(f.signal().source()).isEqualTo("replay");
            assertThat(f.fallbacks()).containsExactly(EM_FAILED);
        }
    }

    @Test
    void forecast_staleAnswerFromProvider_isRefusedWithReason() {
        server.enqueue(json(200, "electricitymaps/de-2026-11-29-forecast-stale.json"));
        try (GridModule grid = module(true)) {
            grid.refreshDue();
            ForecastResult.Forecast f = forecast(grid);
            assertThat(f.signal().source()).isEqualTo("replay");
            assertThat(f.fallbacks()).containsExactly(NOT_YET + "forecast generated at 2026-11-29T02:00:00Z"
                    + " is older than the staleness limit of PT3H");
        }
    }

    @Test
    void forecast_everyProviderDown_isUnavailableWithAllReasons() {
        failThrice();
        try (GridModule grid = module(false)) {
            grid.refreshDue();
            ForecastResult r = grid.signals().forecast("DE", clock.instant(), clock.instant().plus(Duration.ofHours(6)));
            assertThat(r).isEqualTo(new ForecastResult.Unavailable("DE", "no usable forecast: " + NOT_YET + EM_ERROR));
        }
    }

    @Test
    void history_remoteProvider_isRefreshedOnItsScheduleThenServedFromTheDatabase() {
        // The history fixture (what /history answers) covers 10:00 to 13:00 on 2026-11-29.
        Instant from = Instant.parse("2026-11-29T10:00:00Z");
        Instant to = Instant.parse("2026-11-29T13:00:00Z");
        server.enqueue(json(200, "electricitymaps/de-2026-11-29-forecast.json"));
        try (GridModule grid = module(true)) {
            grid.refreshDue(); // forecasts at once; history first after historyRefreshAfter (PT12H here)
            assertThat(server.getRequestCount()).isEqualTo(1);
            server.enqueue(json(200, "electricitymaps/de-2026-11-29-forecast.json"));
            server.enqueue(json(200, "electricitymaps/de-2026-11-29-history.json"));
            clock.set(Instant.parse("2026-11-30T01:20:00Z"));
            grid.refreshDue();
            assertThat(server.getRequestCount()).isEqualTo(3);
            Signal first = grid.signals().history("DE", from, to).orElseThrow();
            Signal second = grid.signals().history("DE", from, to).orElseThrow();
            assertThat(second).isEqualTo(first);
            assertThat(second.source()).isEqualTo("electricitymaps");
            assertThat(server.getRequestCount()).isEqualTo(3);
        }
        // A restart loses nothing that was stored.
        assertThat(new JdbcSignalStore(db).history("DE", "electricitymaps", from, to)).isPresent();
    }

    @Test
    void history_partlyStoredByAHealthyProvider_waitsForItsRefreshWhileTheGapIsRecent() {
        Instant from = Instant.parse("2026-11-29T10:00:00Z");
        Instant to = Instant.parse("2026-11-29T13:00:00Z");
        new JdbcSignalStore(db).recordHistory(new Signal("DE", "electricitymaps", SignalKind.AVERAGE,
                EmissionScope.LIFECYCLE, Duration.ofHours(1), null, List.of(SignalPoint.of(from, 402),
                SignalPoint.of(from.plus(Duration.ofHours(1)), 410))), clock.instant());
        try (GridModule grid = module(true)) {
            // 10:00 to 12:00 stored, 12:00 to 13:00 still to come: the ledger keeps the entry pending on it.
            Signal partial = grid.signals().history("DE", from, to).orElseThrow();
            assertThat(partial.source()).isEqualTo("electricitymaps");
            assertThat(partial.end()).isEqualTo(Instant.parse("2026-11-29T12:00:00Z"));

            // Two days on, the gap is older than the refresh looks back (P1D): it will never come, so replay serves.
            clock.set(Instant.parse("2026-12-01T13:20:00Z"));
            assertThat(grid.signals().history("DE", from, to).orElseThrow().source()).isEqualTo("replay");
        }
    }

    @Test
    void history_providerDown_fallsBackToReplayForTheLedger() {
        failThrice();
        try (GridModule grid = module(true)) {
            Signal h = grid.signals().history("DE", Instant.parse("2026-11-28T08:00:00Z"), Instant.parse("2026-11-28T12:00:00Z"))
                    .orElseThrow();
            assertThat(h.source()).isEqualTo("replay");
            assertThat(h.points()).hasSize(4);
            // The ledger sees that replay is not the zone's own source and will not use it silently.
            assertThat(grid.signals().configuredHistorySource("DE")).hasValue("electricitymaps");
        }
    }

    @Test
    void statuses_andReasons_neverCarryTheToken() {
        server.enqueue(json(401, "electricitymaps/invalid-token.json"));
        try (GridModule grid = module(true)) {
            grid.refreshDue();
            ForecastResult.Forecast f = forecast(grid);
            assertThat(String.join(" ", f.fallbacks())).contains("refused the credentials").doesNotContain(TOKEN);
            assertThat(grid.adapters().toString()).doesNotContain(TOKEN);
            assertThat(ForecastJson.of(status(grid, "electricitymaps")).toString()).doesNotContain(TOKEN);
            assertThat(status(grid, "electricitymaps").lastFallback()).contains("refused the credentials");
        }
        // What is kept for the next start and the other nodes carries no credential either.
        List<String> rows = new Jdbc(db.dataSource()).query("SELECT * FROM grid_adapter_health", rs -> {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.append(rs.getString(i)).append(' ');
            }
            return row.toString();
        });
        assertThat(rows).anySatisfy(r -> assertThat(r).contains("refused the credentials"));
        assertThat(rows).allSatisfy(r -> assertThat(r).doesNotContain(TOKEN));
    }

    @Test
    void forecast_adapterCrashesUnexpectedly_isOnlyThatAdaptersFailure() {
        GridAdapter broken = new GridAdapter() {
            public String name() { return "broken"; }
            public String kind() { return "test"; }
            public Map<String, String> zones() { return Map.of("DE", "DE"); }
            public Signal forecast(String zone, Instant from, Instant to) { throw new IllegalStateException("bug"); }
            public java.util.Optional<Signal> history(String zone, Instant from, Instant to) { throw new IllegalStateException("bug"); }
            public boolean remote() { return true; }
        };
        AdapterDefinition brokenDef = TestDefinitions.yaml("name: broken\nkind: test\npriority: 1\nzones: [DE]\n");
        try (GridModule replayOnly = module(true)) {
            List<TrackedAdapter> chain = List.of(TrackedAdapter.enabled(brokenDef, broken),
                    TrackedAdapter.enabled(TestDefinitions.yaml("name: replay\nkind: replay\nzones:\n  DE: traces/DE_2023_hourly.csv\n"),
                            replayOnly.adapter("replay").orElseThrow()));
            FallbackSignals signals = new FallbackSignals(chain, new JdbcSignalStore(db), clock);
            ForecastResult r = signals.forecast("DE", clock.instant(), clock.instant().plus(Duration.ofHours(2)));
            assertThat(((ForecastResult.Forecast) r).fallbacks())
                    .containsExactly("broken: unexpected failure (IllegalStateException: bug)");
            assertThat(signals.history("DE", Instant.parse("2026-11-28T00:00:00Z"), Instant.parse("2026-11-28T02:00:00Z"))
                    .orElseThrow().source()).isEqualTo("replay");
        }
    }

    @Test
    void create_withoutCredentials_listsProvidersAsDisabledWithWhatToSet() {
        try (GridModule grid = GridModule.create(new JdbcSignalStore(db), clock, null, Map.of())) {
            AdapterStatus em = status(grid, "electricitymaps");
            assertThat(em.health()).isEqualTo(AdapterStatus.Health.DISABLED);
            assertThat(em.lastError()).isEqualTo("set ELECTRICITYMAPS_TOKEN to use it");
            assertThat(status(grid, "gb").lastError()).isEqualTo("switched off in gb.yaml (enabled: false)");
            assertThat(status(grid, "watttime").lastError()).contains("WATTTIME_USERNAME");
        }
    }

    private void failThrice() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(io.greenwindow.grid.http.ProviderFixtures.status(500));
        }
    }

    private ForecastResult.Forecast forecast(GridModule grid) {
        ForecastResult r = grid.signals().forecast("DE", clock.instant(), clock.instant().plus(Duration.ofHours(4)));
        assertThat(r).isInstanceOf(ForecastResult.Forecast.class);
        return (ForecastResult.Forecast) r;
    }

    private static AdapterStatus status(GridModule grid, String name) {
        return grid.adapters().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    private GridModule module(boolean withReplay) {
        List<AdapterDefinition> defs = new ArrayList<>();
        defs.add(TestDefinitions.yaml("""
                name: electricitymaps
                kind: electricitymaps
                priority: 20
                baseUrl: %s
                staleAfter: PT3H
                zones: [DE]
                options:
                  historyRefreshAfter: PT12H
                """.formatted(server.baseUrl())));
        if (withReplay) {
            defs.add(TestDefinitions.yaml("""
                    name: replay
                    kind: replay
                    priority: 90
                    zones:
                      DE: traces/DE_2023_hourly.csv
                    options:
                      noise: 0
                    """));
        }
        return GridModule.create(db, clock, defs, Path.of("grid-adapters"),
                Map.of("ELECTRICITYMAPS_TOKEN", TOKEN), server.settings());
    }
}
