package io.greenwindow.grid;

import static io.greenwindow.grid.http.ProviderFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.grid.http.ProviderServer;
import io.greenwindow.grid.store.AdapterHealth;
import io.greenwindow.grid.store.AdapterHealthStore;
import io.greenwindow.grid.store.JdbcSignalStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Adapter health outlives the module: a restart, or another node on the same database, sees what was last known. */
class AdapterHealthRestartTest {

    private static final String EM_ERROR = "HTTP 500 from /v3/carbon-intensity/forecast after 3 attempts";
    private final SettableClock clock = SettableClock.at("2026-11-29T13:20:00Z");
    @RegisterExtension
    final ProviderServer server = new ProviderServer();
    private Database db;

    @BeforeEach
    void openDatabase() {
        db = TestDatabases.h2();
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void adapters_afterRestart_showTheLastErrorWithItsTime() {
        // GIVEN a provider that failed, and the module closed
        Instant failedAt = clock.instant();
        failThrice();
        try (GridModule grid = module()) {
            forecast(grid);
        }
        clock.advance(Duration.ofHours(1));

        // WHEN the service starts again on the same database, before any call
        try (GridModule restarted = module()) {
            AdapterStatus em = status(restarted, "electricitymaps");

            // THEN it says what was last known, with when
            assertThat(em.health()).isEqualTo(AdapterStatus.Health.DOWN);
            assertThat(em.lastError()).isEqualTo(EM_ERROR);
            assertThat(em.lastFailure()).isEqualTo(failedAt);
            assertThat(em.consecutiveFailures()).isEqualTo(1);
            assertThat(em.lastFallbackAt()).isEqualTo(failedAt);
            assertThat(em.lastFallback())
                    .isEqualTo("DE: fell back to replay (no forecast fetched yet for DE; last refresh: " + EM_ERROR + ")");
            assertThat(status(restarted, "replay").lastSuccess()).isEqualTo(failedAt);
        }
    }

    @Test
    void adapters_twoNodesOnOneDatabase_eachSeesTheOthersOutcomes() {
        try (GridModule a = module(); GridModule b = module()) {
            failThrice();
            forecast(a);
            assertThat(status(b, "electricitymaps").lastError()).isEqualTo(EM_ERROR);

            clock.advance(Duration.ofMinutes(5));
            server.enqueue(json(200, "electricitymaps/de-2026-11-29-forecast.json"));
            forecast(b);
            AdapterStatus seenByA = status(a, "electricitymaps");
            assertThat(seenByA.health()).isEqualTo(AdapterStatus.Health.UP);
            assertThat(seenByA.lastSuccess()).isEqualTo(clock.instant());
            assertThat(seenByA.consecutiveFailures()).isZero();
        }
    }

    @Test
    void forecast_healthWritesFail_stillAnswersAndKeepsHealthInMemory() {
        AdapterHealthStore broken = new AdapterHealthStore() {
            public Map<String, AdapterHealth> all() { throw new io.greenwindow.db.DatabaseException("down", null); }
            public void recordSuccess(String adapter, Instant at) { throw new io.greenwindow.db.DatabaseException("down", null); }
            public void recordFailure(String adapter, Instant at, String reason, int openAfter, Instant openUntil) { throw new io.greenwindow.db.DatabaseException("down", null); }
            public void recordFallback(String adapter, Instant at, String reason) { throw new io.greenwindow.db.DatabaseException("down", null); }
            public void recordNotBefore(String adapter, Instant notBefore) { throw new io.greenwindow.db.DatabaseException("down", null); }
            public boolean claimProbe(String adapter, Instant now, Instant until) { throw new io.greenwindow.db.DatabaseException("down", null); }
        };
        failThrice();
        try (GridModule replay = module()) {
            TrackedAdapter em = TrackedAdapter.enabled(definitions().get(0), replay.adapter("electricitymaps").orElseThrow(),
                    broken, null, Redactor.patterns());
            TrackedAdapter rp = TrackedAdapter.enabled(definitions().get(1), replay.adapter("replay").orElseThrow(),
                    broken, null, Redactor.patterns());
            FallbackSignals signals = new FallbackSignals(List.of(em, rp), new JdbcSignalStore(db), clock);

            ForecastResult r = signals.forecast("DE", clock.instant(), clock.instant().plus(Duration.ofHours(4)));

            assertThat(r).isInstanceOf(ForecastResult.Forecast.class);
            assertThat(em.status(clock.instant()).lastError()).isEqualTo(EM_ERROR);
            assertThat(em.status(clock.instant()).consecutiveFailures()).isEqualTo(1);
            assertThat(rp.status(clock.instant()).lastSuccess()).isEqualTo(clock.instant());
        }
    }

    private void failThrice() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(io.greenwindow.grid.http.ProviderFixtures.status(500));
        }
    }

    /** The background refresh, run here, then a request that reads what it stored. */
    private void forecast(GridModule grid) {
        grid.refreshDue();
        grid.signals().forecast("DE", clock.instant(), clock.instant().plus(Duration.ofHours(4)));
    }

    private static AdapterStatus status(GridModule grid, String name) {
        return grid.adapters().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    private List<AdapterDefinition> definitions() {
        return List.of(TestDefinitions.yaml("""
                name: electricitymaps
                kind: electricitymaps
                priority: 20
                baseUrl: %s
                staleAfter: PT3H
                zones: [DE]
                """.formatted(server.baseUrl())), TestDefinitions.yaml("""
                name: replay
                kind: replay
                priority: 90
                zones:
                  DE: traces/DE_2023_hourly.csv
                options:
                  noise: 0
                """));
    }

    private GridModule module() {
        return GridModule.create(db, clock, definitions(), Path.of("grid-adapters"),
                Map.of("ELECTRICITYMAPS_TOKEN", "em-token"), server.settings());
    }
}
