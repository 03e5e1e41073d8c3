package io.greenwindow.grid.watttime;

import static io.greenwindow.grid.http.ProviderFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.greenwindow.grid.EmissionScope;
import io.greenwindow.grid.SettableClock;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalKind;
import io.greenwindow.grid.TestDefinitions;
import io.greenwindow.grid.http.ProviderServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.nio.charset.StandardCharsets;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WattTimeAdapterTest {

    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString("freddo:the-frog-42".getBytes(StandardCharsets.UTF_8));
    private final SettableClock clock = SettableClock.at("2026-11-29T13:20:00Z");
    private final Instant now = clock.instant();
    @RegisterExtension
    final ProviderServer server = new ProviderServer();

    @Test
    void forecast_firstCall_logsInWithBasicThenUsesBearerAndConvertsLbsPerMwh() throws Exception {
        server.enqueue(json(200, "watttime/login.json"));
        server.enqueue(json(200, "watttime/caiso-north-2026-11-29-forecast.json"));

        Signal s = adapter().forecast("US-CAL-CISO", now, Instant.parse("2026-11-29T13:50:00Z"));

        RecordedRequest login = server.takeRequest();
        assertThat(login.getUrl().encodedPath()).isEqualTo("/login");
        assertThat(login.getHeaders().get("Authorization")).isEqualTo(BASIC);
        RecordedRequest forecast = server.takeRequest();
        assertThat(forecast.getUrl().encodedPath()).isEqualTo("/v3/forecast");
        assertThat(forecast.getUrl().queryParameter("region")).isEqualTo("CAISO_NORTH");
        assertThat(forecast.getUrl().queryParameter("signal_type")).isEqualTo("co2_moer");
        assertThat(forecast.getUrl().queryParameter("horizon_hours")).isEqualTo("1");
        assertThat(forecast.getHeaders().get("Authorization")).isEqualTo("Bearer wt-token-1");
        assertThat(s.kind()).isEqualTo(SignalKind.MARGINAL);
        assertThat(s.scope()).isEqualTo(EmissionScope.DIRECT);
        assertThat(s.step()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.generatedAt()).isEqualTo(Instant.parse("2026-11-29T13:20:00Z"));
        // 1000 lbs/MWh × 453.59237 g/lb ÷ 1000 kWh/MWh = 453.59237 g/kWh; 500 → 226.796185.
        assertThat(s.points()).hasSize(6);
        assertThat(s.points().get(0).gPerKwh()).isCloseTo(453.59237, within(1e-9));
        assertThat(s.points().get(5).gPerKwh()).isCloseTo(226.796185, within(1e-9));
    }

    @Test
    void forecast_tokenRefused_logsInAgainAndRetriesOnce() throws Exception {
        server.enqueue(json(200, "watttime/login.json"));
        server.enqueue(json(401, "watttime/unauthorized.json"));
        server.enqueue(json(200, "watttime/login-2.json"));
        server.enqueue(json(200, "watttime/caiso-north-2026-11-29-forecast.json"));

        Signal s = adapter().forecast("US-CAL-CISO", now, now.plus(Duration.ofMinutes(30)));

        assertThat(s.points()).hasSize(6);
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/login");
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer wt-token-1");
        RecordedRequest relogin = server.takeRequest();
        assertThat(relogin.getUrl().encodedPath()).isEqualTo("/login");
        assertThat(relogin.getHeaders().get("Authorization")).isEqualTo(BASIC);
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer wt-token-2");
    }

    @Test
    void forecast_tokenAboutToExpire_isRenewedBeforeTheCall() throws Exception {
        server.enqueue(json(200, "watttime/login.json"));
        server.enqueue(json(200, "watttime/caiso-north-2026-11-29-forecast.json"));
        server.enqueue(json(200, "watttime/login-2.json"));
        server.enqueue(json(200, "watttime/caiso-north-2026-11-29-forecast.json"));
        WattTimeAdapter wt = adapter();
        wt.forecast("US-CAL-CISO", now, now.plus(Duration.ofMinutes(30)));

        clock.advance(Duration.ofMinutes(29)); // inside the last minute of the 30-minute token
        wt.forecast("US-CAL-CISO", clock.instant(), clock.instant().plus(Duration.ofMinutes(10)));

        server.takeRequest();
        server.takeRequest();
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/login");
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer wt-token-2");
    }

    @Test
    void forecast_loginRefused_failsNamingTheVariablesNotThePassword() {
        server.enqueue(json(401, "watttime/unauthorized.json"));
        assertThatThrownBy(() -> adapter().forecast("US-CAL-CISO", now, now.plusSeconds(600)))
                .hasMessageContaining("WATTTIME_USERNAME").hasMessageNotContaining("the-frog-42");
    }

    @Test
    void history_historical_asksTheWindowAndConverts() throws Exception {
        server.enqueue(json(200, "watttime/login.json"));
        server.enqueue(json(200, "watttime/caiso-north-2026-11-29-historical.json"));

        Signal h = adapter().history("US-CAL-CISO", Instant.parse("2026-11-29T10:00:00Z"), Instant.parse("2026-11-29T10:15:00Z"))
                .orElseThrow();

        server.takeRequest();
        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v3/historical");
        assertThat(r.getUrl().queryParameter("start")).isEqualTo("2026-11-29T10:00:00Z");
        assertThat(r.getUrl().queryParameter("end")).isEqualTo("2026-11-29T10:15:00Z");
        assertThat(h.points()).hasSize(3);
        assertThat(h.points().get(1).gPerKwh()).isCloseTo(840 * 0.45359237, within(1e-9));
    }

    @Test
    void pastForecasts_forecastHistorical_keepEachGenerationTime() throws Exception {
        server.enqueue(json(200, "watttime/login.json"));
        server.enqueue(json(200, "watttime/caiso-north-2026-11-29-forecast-historical.json"));

        List<Signal> past = adapter().pastForecasts("US-CAL-CISO", Instant.parse("2026-11-29T10:00:00Z"),
                Instant.parse("2026-11-29T10:10:00Z"));

        server.takeRequest();
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v3/forecast/historical");
        assertThat(past).extracting(Signal::generatedAt).containsExactly(
                Instant.parse("2026-11-29T10:00:00Z"), Instant.parse("2026-11-29T10:05:00Z"));
        assertThat(past.get(1).points().get(0).gPerKwh()).isCloseTo(875 * 0.45359237, within(1e-9));
    }

    @Test
    void regionFromLocation_answersTheRegion() throws Exception {
        server.enqueue(json(200, "watttime/login.json"));
        server.enqueue(json(200, "watttime/region-from-loc-37.77--122.42.json"));
        assertThat(adapter().regionFromLocation(37.77, -122.42)).isEqualTo("CAISO_NORTH");
        server.takeRequest();
        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v3/region-from-loc");
        assertThat(r.getUrl().queryParameter("latitude")).isEqualTo("37.77");
        assertThat(r.getUrl().queryParameter("longitude")).isEqualTo("-122.42");
    }

    private WattTimeAdapter adapter() {
        return new WattTimeAdapter(TestDefinitions.yaml("""
                name: watttime
                kind: watttime
                baseUrl: %s
                zones:
                  US-CAL-CISO: CAISO_NORTH
                """.formatted(server.baseUrl())), "freddo", "the-frog-42", server.settings(), clock);
    }
}
