package io.greenwindow.grid;

import static io.greenwindow.grid.http.ProviderFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.grid.http.HttpSettings;
import io.greenwindow.grid.http.ProviderServer;
import io.greenwindow.grid.store.AdapterHealth;
import io.greenwindow.grid.store.JdbcAdapterHealthStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The background refresh and the breaker in front of each provider: a provider that hangs, asks to be left alone
 * (Retry-After) or is down costs requests nothing and the budget nothing more than the breaker allows. Electricity
 * Maps is a MockWebServer; replay serves behind it; H2; a settable clock.
 */
class BackgroundRefreshTest {

    private static final String TOKEN = "em-secret-token-4711";
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
    void forecastAndHistory_whileTheProviderHangs_answerFromTheStoreWithTheRefreshStillInFlight() throws Exception {
        // GIVEN a provider that takes the request and never answers, and a client that would wait two minutes
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        OkHttpClient patient = new OkHttpClient.Builder().readTimeout(2, TimeUnit.MINUTES)
                .callTimeout(2, TimeUnit.MINUTES).retryOnConnectionFailure(false).build();
        HttpSettings settings = server.settings().withClient(patient);
        try (GridModule grid = module(settings, "")) {
            grid.startRefreshing(Duration.ofMillis(20));
            RecordedRequest hanging = server.takeRequest(30, TimeUnit.SECONDS);
            assertThat(hanging).as("the background refresh called the provider").isNotNull();

            // WHEN requests ask for a forecast and for history meanwhile
            CompletableFuture<ForecastResult> forecast = CompletableFuture.supplyAsync(() ->
                    grid.signals().forecast("DE", clock.instant(), clock.instant().plus(Duration.ofHours(6))));
            CompletableFuture<List<AdapterStatus>> adapters = CompletableFuture.supplyAsync(grid::adapters);
            Instant day = Instant.parse("2026-11-28T00:00:00Z");
            CompletableFuture<java.util.Optional<Signal>> history = CompletableFuture.supplyAsync(() ->
                    grid.signals().history("DE", day, day.plus(Duration.ofHours(4))));

            // THEN they answer (a bound far inside the two-minute hang), from replay, while the call still hangs
            ForecastResult r = forecast.get(30, TimeUnit.SECONDS);
            assertThat(r).isInstanceOf(ForecastResult.Forecast.class);
            assertThat(((ForecastResult.Forecast) r).signal().source()).isEqualTo("replay");
            assertThat(adapters.get(30, TimeUnit.SECONDS)).extracting(AdapterStatus::name)
                    .contains("electricitymaps", "replay");
            assertThat(history.get(30, TimeUnit.SECONDS)).hasValueSatisfying(h -> assertThat(h.source()).isEqualTo("replay"));
            assertThat(grid.refreshing("electricitymaps")).as("the provider's refresh is still waiting").isTrue();
            assertThat(server.getRequestCount()).isEqualTo(1);
        }
    }

    @Test
    void retryAfter_anHour_noRequestForThatHourEvenAfterARestart() throws Exception {
        // GIVEN a 429 asking for an hour's peace
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").body("").build());
        Instant asked = clock.instant();
        try (GridModule grid = module(server.settings(), "")) {
            grid.refreshDue();
            assertThat(server.getRequestCount()).isEqualTo(1);
            AdapterStatus em = status(grid, "electricitymaps");
            assertThat(em.notBefore()).isEqualTo(asked.plus(Duration.ofHours(1)));
            assertThat(em.requestsUsed()).isEqualTo(1);

            // WHEN refreshes come due within the hour, on this node
            clock.advance(Duration.ofMinutes(20));
            grid.refreshDue();
        }
        // ... and after a restart on the same database
        clock.advance(Duration.ofMinutes(39));
        try (GridModule restarted = module(server.settings(), "")) {
            restarted.refreshDue();
            // THEN the provider heard nothing more, and no budget went
            assertThat(server.getRequestCount()).isEqualTo(1);
            assertThat(status(restarted, "electricitymaps").requestsUsed()).isEqualTo(1);

            // and once the hour is over it is asked again
            clock.set(asked.plus(Duration.ofHours(1)));
            server.enqueue(json(200, "electricitymaps/de-2026-11-29-forecast.json"));
            restarted.refreshDue();
            assertThat(server.getRequestCount()).isEqualTo(2);
            assertThat(status(restarted, "electricitymaps").notBefore()).isNull();
        }
    }

    @Test
    void retryAfter_asAnHttpDate_isHonouredUntilThatInstant() throws Exception {
        // RFC 9110 §10.2.3: an IMF-fixdate; 15:00 GMT is 1 h 40 min after the clock's 13:20.
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "Sun, 29 Nov 2026 15:00:00 GMT")
                .body("").build());
        try (GridModule grid = module(server.settings(), "")) {
            grid.refreshDue();
            assertThat(status(grid, "electricitymaps").notBefore()).isEqualTo(Instant.parse("2026-11-29T15:00:00Z"));
            clock.set(Instant.parse("2026-11-29T14:59:00Z"));
            grid.refreshDue();
            assertThat(server.getRequestCount()).isEqualTo(1);
            clock.set(Instant.parse("2026-11-29T15:00:00Z"));
            server.enqueue(json(200, "electricitymaps/de-2026-11-29-forecast.json"));
            grid.refreshDue();
            assertThat(server.getRequestCount()).isEqualTo(2);
        }
    }

    @Test
    void outage_opensTheCircuitAfterThreeFailuresSparesTheBudgetThenAProbeClosesIt() throws Exception {
        // GIVEN a provider down for good: every call is 3 attempts of HTTP 500
        String breaker = """
                  refreshAfter: PT5M
                  breakerFailures: 3
                  breakerCoolDown: PT1H
                """;
        try (GridModule grid = module(server.settings(), breaker)) {
            for (int call = 1; call <= 3; call++) {
                failThrice();
                grid.refreshDue();
                clock.advance(Duration.ofMinutes(5));
            }
            Instant openedAt = clock.instant().minus(Duration.ofMinutes(5));
            AdapterStatus open = status(grid, "electricitymaps");
            assertThat(open.circuit()).isEqualTo(AdapterHealth.Circuit.OPEN);
            assertThat(open.openUntil()).isEqualTo(openedAt.plus(Duration.ofHours(1)));
            assertThat(open.consecutiveFailures()).isEqualTo(3);
            assertThat(open.requestsUsed()).isEqualTo(9);

            // WHEN refreshes come due for the rest of the cool-down (every 5 minutes until 14:30)
            int looks = 0;
            while (clock.instant().isBefore(open.openUntil())) {
                grid.refreshDue();
                looks++;
                // THEN nothing is sent, the budget stands, and the circuit stays open
                assertThat(status(grid, "electricitymaps").circuit()).isEqualTo(AdapterHealth.Circuit.OPEN);
                clock.advance(Duration.ofMinutes(5));
            }
            assertThat(looks).isEqualTo(11); // 13:35, 13:40, ... 14:25
            assertThat(server.getRequestCount()).isEqualTo(9);
            assertThat(status(grid, "electricitymaps").requestsUsed()).isEqualTo(9);
        }
        // A restart on the same database keeps the circuit open until its cool-down has passed ...
        clock.set(Instant.parse("2026-11-29T13:30:00Z").plus(Duration.ofHours(1)));
        try (GridModule restarted = module(server.settings(), breaker)) {
            assertThat(status(restarted, "electricitymaps").circuit()).isEqualTo(AdapterHealth.Circuit.HALF_OPEN);
            // ... then one probe goes out, succeeds, and closes it
            server.enqueue(json(200, "electricitymaps/de-2026-11-29-forecast.json"));
            restarted.refreshDue();
            assertThat(server.getRequestCount()).isEqualTo(10);
            AdapterStatus closed = status(restarted, "electricitymaps");
            assertThat(closed.circuit()).isEqualTo(AdapterHealth.Circuit.CLOSED);
            assertThat(closed.consecutiveFailures()).isZero();
            assertThat(closed.health()).isEqualTo(AdapterStatus.Health.UP);
            assertThat(closed.requestsUsed()).isEqualTo(10);
        }
    }

    @Test
    void halfOpenProbe_thatFails_reopensTheCircuitForAnotherCoolDown() throws Exception {
        String breaker = """
                  refreshAfter: PT5M
                  breakerFailures: 1
                  breakerCoolDown: PT30M
                """;
        try (GridModule grid = module(server.settings(), breaker)) {
            failThrice();
            grid.refreshDue();
            assertThat(status(grid, "electricitymaps").circuit()).isEqualTo(AdapterHealth.Circuit.OPEN);
            clock.advance(Duration.ofMinutes(30));
            failThrice();
            grid.refreshDue(); // the probe: one call (its three attempts), failed
            assertThat(server.getRequestCount()).isEqualTo(6);
            AdapterStatus reopened = status(grid, "electricitymaps");
            assertThat(reopened.circuit()).isEqualTo(AdapterHealth.Circuit.OPEN);
            assertThat(reopened.openUntil()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
            clock.advance(Duration.ofMinutes(10));
            grid.refreshDue();
            assertThat(server.getRequestCount()).isEqualTo(6);
        }
    }

    @Test
    void halfOpen_twoNodesOnOneDatabase_onlyOneProbes() {
        Instant now = Instant.parse("2026-11-29T13:20:00Z");
        JdbcAdapterHealthStore a = new JdbcAdapterHealthStore(db);
        JdbcAdapterHealthStore b = new JdbcAdapterHealthStore(db);
        a.recordFailure("electricitymaps", now.minus(Duration.ofHours(1)), "HTTP 500", 1, now.minusSeconds(1));
        assertThat(a.claimProbe("electricitymaps", now, now.plus(TrackedAdapter.PROBE_HOLD))).isTrue();
        assertThat(b.claimProbe("electricitymaps", now, now.plus(TrackedAdapter.PROBE_HOLD))).isFalse();
        assertThat(a.all().get("electricitymaps").circuit(now)).isEqualTo(AdapterHealth.Circuit.OPEN);
    }

    private void failThrice() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(io.greenwindow.grid.http.ProviderFixtures.status(500));
        }
    }

    private static AdapterStatus status(GridModule grid, String name) {
        return grid.adapters().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    /** Electricity Maps with {@code extraOptions} (indented YAML lines), the noise-free replay behind it. */
    private GridModule module(HttpSettings settings, String extraOptions) {
        AdapterDefinition em = TestDefinitions.yaml("""
                name: electricitymaps
                kind: electricitymaps
                priority: 20
                baseUrl: %s
                staleAfter: PT3H
                zones: [DE]
                options:
                  historyRefreshAfter: PT12H
                %s""".formatted(server.baseUrl(), extraOptions));
        AdapterDefinition replay = TestDefinitions.yaml("""
                name: replay
                kind: replay
                priority: 90
                zones:
                  DE: traces/DE_2023_hourly.csv
                options:
                  noise: 0
                """);
        return GridModule.create(db, clock, List.of(em, replay), Path.of("grid-adapters"),
                Map.of("ELECTRICITYMAPS_TOKEN", TOKEN), settings);
    }
}
