package io.greenwindow.grid.http;

import static io.greenwindow.grid.http.ProviderFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.greenwindow.grid.GridAdapter;
import io.greenwindow.grid.GridFetchException;
import io.greenwindow.grid.SettableClock;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.TestDefinitions;
import io.greenwindow.grid.casdk.CarbonAwareSdkAdapter;
import io.greenwindow.grid.electricitymaps.ElectricityMapsAdapter;
import io.greenwindow.grid.gb.GbCarbonIntensityAdapter;
import io.greenwindow.grid.watttime.WattTimeAdapter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The same failures for every HTTP provider: each fails with a reason, retries what is worth retrying. */
class ProviderFailuresTest {

    /** How to build one provider's adapter and what its forecast request looks like. */
    record Provider(String name, String path, String authHeader, String authValue, String okFixture,
                    Instant okEnd, BiFunction<String, HttpSettings, GridAdapter> build) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final SettableClock CLOCK = SettableClock.at("2026-11-29T13:20:00Z");

    static Stream<Provider> providers() {
        return Stream.of(
                new Provider("electricitymaps", "/v3/carbon-intensity/forecast", "auth-token", "em-token",
                        "electricitymaps/de-2026-11-29-forecast.json", Instant.parse("2026-11-29T20:00:00Z"),
                        (url, s) -> new ElectricityMapsAdapter(def("electricitymaps", url, "Z: DE"), "em-token", s, CLOCK)),
                new Provider("watttime", "/v3/forecast", "Authorization", "Bearer wt-token-1",
                        "watttime/caiso-north-2026-11-29-forecast.json", Instant.parse("2026-11-29T13:50:00Z"),
                        (url, s) -> new WattTimeAdapter(def("watttime", url, "Z: CAISO_NORTH"), "u", "p", s, CLOCK)),
                new Provider("gb", "/intensity/2026-11-29T13:00Z/fw48h", "Authorization", null,
                        "gb/national-2026-11-29-fw48h.json", Instant.parse("2026-11-29T15:00:00Z"),
                        (url, s) -> new GbCarbonIntensityAdapter(def("gb", url, "Z: national"), s, CLOCK)),
                new Provider("carbon-aware-sdk", "/emissions/forecasts/current", "Authorization", null,
                        "casdk/westus-2026-11-29-forecasts-current.json", Instant.parse("2026-11-29T15:00:00Z"),
                        (url, s) -> new CarbonAwareSdkAdapter(def("carbon-aware-sdk", url, "Z: westus"), s, CLOCK)));
    }

    @RegisterExtension
    final ProviderServer server = new ProviderServer();

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void forecast_500ThreeTimes_failsAfterThreeAttemptsWithBackoff(Provider p) throws Exception {
        loginIfNeeded(p);
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(500).build());
        }
        assertThatThrownBy(() -> forecast(p)).isInstanceOf(GridFetchException.class)
                .hasMessage("HTTP 500 from " + p.path() + " after 3 attempts");
        assertThat(server.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
        checkRequest(p, takeForecastRequest(p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void forecast_429WithRetryAfter_waitsThenSucceeds(Provider p) throws Exception {
        loginIfNeeded(p);
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").build());
        server.enqueue(json(200, p.okFixture()));
        Signal s = forecast(p);
        assertThat(s.points()).isNotEmpty();
        assertThat(server.sleeps()).containsExactly(Duration.ofSeconds(2));
        checkRequest(p, takeForecastRequest(p));
        checkRequest(p, server.takeRequest());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void forecast_providerHangs_timesOutThreeTimes(Provider p) throws Exception {
        loginIfNeeded(p);
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(200).headersDelay(1, TimeUnit.SECONDS).body("{}").build());
        }
        assertThatThrownBy(() -> forecast(p)).hasMessage("timed out calling " + p.path() + " after 3 attempts");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void forecast_malformedJson_failsNamingIt(Provider p) throws Exception {
        loginIfNeeded(p);
        server.enqueue(new MockResponse.Builder().code(200).body("{\"data\": [ {\"from\": ").build());
        assertThatThrownBy(() -> forecast(p)).hasMessageContaining("malformed JSON");
        checkRequest(p, takeForecastRequest(p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void forecast_unknownArea_failsWithStatusAndNoRetry(Provider p) throws Exception {
        loginIfNeeded(p);
        server.enqueue(new MockResponse.Builder().code(404).body("{\"message\": \"unknown area\"}").build());
        assertThatThrownBy(() -> forecast(p)).hasMessageContaining("HTTP 404: unknown area");
        assertThat(server.sleeps()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void forecast_shorterThanAsked_endsWhereTheProviderEnds(Provider p) throws Exception {
        loginIfNeeded(p);
        server.enqueue(json(200, p.okFixture()));
        Signal s = forecast(p);
        assertThat(s.end()).isEqualTo(p.okEnd());
        checkRequest(p, takeForecastRequest(p));
    }

    private Signal forecast(Provider p) {
        Instant now = CLOCK.instant();
        return p.build().apply(server.baseUrl(), server.settings()).forecast("Z", now, now.plus(Duration.ofHours(24)));
    }

    private void loginIfNeeded(Provider p) {
        if (p.name().equals("watttime")) {
            server.enqueue(json(200, "watttime/login.json"));
        }
    }

    private RecordedRequest takeForecastRequest(Provider p) throws InterruptedException {
        if (p.name().equals("watttime")) {
            assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/login");
        }
        return server.takeRequest();
    }

    private static void checkRequest(Provider p, RecordedRequest r) {
        assertThat(r.getUrl().encodedPath()).isEqualTo(p.path());
        assertThat(r.getHeaders().get(p.authHeader())).isEqualTo(p.authValue());
    }

    private static io.greenwindow.grid.AdapterDefinition def(String kind, String url, String zone) {
        return TestDefinitions.yaml("name: " + kind + "\nkind: " + kind + "\nbaseUrl: " + url + "\nzones:\n  " + zone + "\n");
    }
}
