package io.greenwindow.grid.electricitymaps;

import static io.greenwindow.grid.http.ProviderFixtures.json;
import static io.greenwindow.grid.http.ProviderFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.greenwindow.grid.EmissionScope;
import io.greenwindow.grid.GridFetchException;
import io.greenwindow.grid.SettableClock;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalKind;
import io.greenwindow.grid.SignalPoint;
import io.greenwindow.grid.TestDefinitions;
import io.greenwindow.grid.http.ProviderServer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ElectricityMapsAdapterTest {

    private static final String TOKEN = "em-secret-token-4711";
    private final SettableClock clock = SettableClock.at("2026-11-29T13:20:00Z");
    private final Instant now = clock.instant();
    @RegisterExtension
    final ProviderServer server = new ProviderServer();

    @Test
    void forecast_documentedShape_givesHourlyAverageLifecycleSignalAndSendsToken() throws Exception {
        server.enqueue(json(200, "electricitymaps/de-2026-11-29-forecast.json"));

        Signal s = adapter("").forecast("DE", now, Instant.parse("2026-11-29T19:00:00Z"));

        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v3/carbon-intensity/forecast");
        assertThat(r.getUrl().queryParameter("zone")).isEqualTo("DE");
        // 13:20 → 19:00 is 5 h 40 min: ask for 6 hours.
        assertThat(r.getUrl().queryParameter("horizonHours")).isEqualTo("6");
        assertThat(r.getUrl().queryParameter("emissionFactorType")).isEqualTo("lifecycle");
        assertThat(r.getHeaders().get("auth-token")).isEqualTo(TOKEN);
        assertThat(s.kind()).isEqualTo(SignalKind.AVERAGE);
        assertThat(s.scope()).isEqualTo(EmissionScope.LIFECYCLE);
        assertThat(s.generatedAt()).isEqualTo(Instant.parse("2026-11-29T13:04:37Z"));
        assertThat(s.step()).isEqualTo(Duration.ofHours(1));
        assertThat(s.points()).extracting(SignalPoint::gPerKwh).containsExactly(412.0, 398.0, 377.0, 352.0, 341.0, 336.0);
    }

    @Test
    void forecast_nullIntensities_areInterpolatedAndFlaggedNeverZero() {
        server.enqueue(json(200, "electricitymaps/de-2026-11-29-forecast-null-values.json"));

        Signal s = adapter("").forecast("DE", now, Instant.parse("2026-11-29T17:00:00Z"));

        // 300, null, 320, null: the inner gap is the mean of its neighbours and flagged; the trailing null is dropped.
        assertThat(s.points()).containsExactly(
                new SignalPoint(Instant.parse("2026-11-29T13:00:00Z"), 300, false),
                new SignalPoint(Instant.parse("2026-11-29T14:00:00Z"), 310, true),
                new SignalPoint(Instant.parse("2026-11-29T15:00:00Z"), 320, false));
    }

    @Test
    void forecast_shorterThanAsked_endsWhereTheProviderEnds() {
        server.enqueue(json(200, "electricitymaps/de-2026-11-29-forecast-short.json"));
        Signal s = adapter("").forecast("DE", now, now.plus(Duration.ofHours(24)));
        assertThat(s.end()).isEqualTo(Instant.parse("2026-11-29T15:00:00Z"));
        assertThat(s.points()).noneMatch(SignalPoint::filled);
    }

    @Test
    void forecast_unknownZone_failsWithTheProvidersMessage() throws Exception {
        server.enqueue(json(404, "electricitymaps/unknown-zone.json"));
        assertThatThrownBy(() -> adapter("XX: XX").forecast("XX", now, now.plusSeconds(3600)))
                .isInstanceOf(GridFetchException.class)
                .hasMessageContaining("HTTP 404").hasMessageContaining("Zone 'XX' does not exist.");
        assertThat(server.takeRequest().getUrl().queryParameter("zone")).isEqualTo("XX");
    }

    @Test
    void forecast_invalidToken_failsSayingSoWithoutTheToken() {
        server.enqueue(json(401, "electricitymaps/invalid-token.json"));
        assertThatThrownBy(() -> adapter("").forecast("DE", now, now.plusSeconds(3600)))
                .hasMessageContaining("refused the credentials").hasMessageNotContaining(TOKEN);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void forecast_500ThenOk_retriesAfterBackoff() {
        server.enqueue(status(500));
        server.enqueue(json(200, "electricitymaps/de-2026-11-29-forecast.json"));
        Signal s = adapter("").forecast("DE", now, now.plus(Duration.ofHours(2)));
        assertThat(s.points()).hasSize(3);
        assertThat(server.sleeps()).containsExactly(Duration.ofMillis(500));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void forecast_500Always_failsAfterThreeAttemptsWithGrowingWaits() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(status(503));
        }
        assertThatThrownBy(() -> adapter("").forecast("DE", now, now.plusSeconds(3600)))
                .hasMessage("HTTP 503 from /v3/carbon-intensity/forecast after 3 attempts");
        assertThat(server.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
    }

    @Test
    void forecast_429WithRetryAfter_waitsAsAsked() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").build());
        server.enqueue(json(200, "electricitymaps/de-2026-11-29-forecast.json"));
        adapter("").forecast("DE", now, now.plus(Duration.ofHours(1)));
        assertThat(server.sleeps()).containsExactly(Duration.ofSeconds(7));
        assertThat(server.takeRequest().getHeaders().get("auth-token")).isEqualTo(TOKEN);
        assertThat(server.takeRequest().getHeaders().get("auth-token")).isEqualTo(TOKEN);
    }

    @Test
    void forecast_429WithRetryAfterBeyondLimit_failsAtOnceForTheFallback() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());
        assertThatThrownBy(() -> adapter("").forecast("DE", now, now.plusSeconds(3600)))
                .hasMessageContaining("HTTP 429").hasMessageContaining("PT1H");
        assertThat(server.sleeps()).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void forecast_providerTooSlow_timesOutAndRetries() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(200).headersDelay(2, TimeUnit.SECONDS).body("{}").build());
        }
        assertThatThrownBy(() -> adapter("").forecast("DE", now, now.plusSeconds(3600)))
                .hasMessage("timed out calling /v3/carbon-intensity/forecast after 3 attempts");
        assertThat(server.sleeps()).hasSize(2);
    }

    @Test
    void forecast_malformedJson_failsNamingIt() {
        server.enqueue(json(200, "electricitymaps/malformed.json"));
        assertThatThrownBy(() -> adapter("").forecast("DE", now, now.plusSeconds(3600)))
                .hasMessageContaining("malformed JSON");
    }

    @Test
    void forecast_budgetSpent_failsWithoutCalling() {
        server.enqueue(json(200, "electricitymaps/de-2026-11-29-forecast.json"));
        ElectricityMapsAdapter em = adapter("", "requestBudget: {requests: 1, period: P1D}\n");
        em.forecast("DE", now, now.plusSeconds(3600));
        assertThatThrownBy(() -> em.forecast("DE", now, now.plusSeconds(3600)))
                .hasMessageContaining("request budget of 1 spent").hasMessageContaining("2026-11-30T13:20:00Z");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(em.requestsUsed()).isEqualTo(1);
    }

    @Test
    void history_pastRange_asksTheWindowAndKeepsEstimatedValues() throws Exception {
        server.enqueue(json(200, "electricitymaps/de-2026-11-28-past-range.json"));

        Signal h = adapter("").history("DE", Instant.parse("2026-11-28T08:00:00Z"), Instant.parse("2026-11-28T12:00:00Z"))
                .orElseThrow();

        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v3/carbon-intensity/past-range");
        assertThat(r.getUrl().queryParameter("start")).isEqualTo("2026-11-28T08:00:00Z");
        assertThat(r.getUrl().queryParameter("end")).isEqualTo("2026-11-28T12:00:00Z");
        assertThat(h.isForecast()).isFalse();
        assertThat(h.points()).extracting(SignalPoint::gPerKwh).containsExactly(455.0, 461.0, 440.0, 418.0);
    }

    @Test
    void history_lastDay_usesTheHistoryEndpointAndFillsTheNullHour() throws Exception {
        server.enqueue(json(200, "electricitymaps/de-2026-11-29-history.json"));

        Signal h = adapter("").history("DE", Instant.parse("2026-11-29T10:00:00Z"), Instant.parse("2026-11-29T13:00:00Z"))
                .orElseThrow();

        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v3/carbon-intensity/history");
        assertThat(r.getUrl().queryParameter("zone")).isEqualTo("DE");
        assertThat(r.getHeaders().get("auth-token")).isEqualTo(TOKEN);
        assertThat(h.points()).containsExactly(
                new SignalPoint(Instant.parse("2026-11-29T10:00:00Z"), 402, false),
                new SignalPoint(Instant.parse("2026-11-29T11:00:00Z"), 400, true),
                new SignalPoint(Instant.parse("2026-11-29T12:00:00Z"), 398, false));
    }

    @Test
    void latest_givesTheHourAndValue() throws Exception {
        server.enqueue(json(200, "electricitymaps/de-2026-11-29-latest.json"));
        var latest = adapter("").latest("DE").orElseThrow();
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v3/carbon-intensity/latest");
        assertThat(latest.start()).isEqualTo(Instant.parse("2026-11-29T13:00:00Z"));
        assertThat(latest.gPerKwh()).isEqualTo(405.0);
    }

    private ElectricityMapsAdapter adapter(String extraZone) {
        return adapter(extraZone, "");
    }

    private ElectricityMapsAdapter adapter(String extraZone, String extra) {
        return new ElectricityMapsAdapter(TestDefinitions.yaml("""
                name: electricitymaps
                kind: electricitymaps
                baseUrl: %s
                %szones:
                  DE: DE
                  %s
                """.formatted(server.baseUrl(), extra, extraZone)), TOKEN, server.settings(), clock);
    }
}
