package io.greenwindow.grid;

import static io.greenwindow.grid.http.ProviderFixtures.json;
import static io.greenwindow.grid.http.ProviderFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.grid.store.SignalStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every definition shipped in grid-adapters/, run end to end: switched on, credentials given, pointed at a
 * MockWebServer answering in its provider's documented shape; a forecast for its first zone must come back.
 */
class ShippedAdaptersTest {

    private static final Map<String, List<String>> ANSWERS = Map.of(
            "electricitymaps", List.of("electricitymaps/de-2026-11-29-forecast.json"),
            "watttime", List.of("watttime/login.json", "watttime/caiso-north-2026-11-29-forecast.json"),
            "gb", List.of("gb/national-2026-11-29-fw48h.json"),
            "carbon-aware-sdk", List.of("casdk/westus-2026-11-29-forecasts-current.json"));

    static Stream<AdapterDefinition> shipped() {
        return AdapterDefinitions.load(Path.of("grid-adapters")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void shippedDefinition_switchedOn_givesAForecastForItsFirstZone(AdapterDefinition shipped) throws IOException {
        SettableClock clock = SettableClock.at("2026-11-29T13:20:00Z");
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            AdapterDefinition d = shipped.enabledCopy();
            if (!d.kind().equals("replay")) {
                d = d.withBaseUrl(server.url("/").toString());
                ANSWERS.get(d.kind()).forEach(f -> server.enqueue(json(200, f)));
            }
            Map<String, String> env = Map.of("ELECTRICITYMAPS_TOKEN", "t", "WATTTIME_USERNAME", "u",
                    "WATTTIME_PASSWORD", "p");
            List<Duration> sleeps = new ArrayList<>();
            String zone = d.zones().keySet().stream().sorted().findFirst().orElseThrow();
            try (GridModule grid = GridModule.create(SignalStore.none(), clock, List.of(d), Path.of("grid-adapters"),
                    env, settings(sleeps))) {
                ForecastResult r = grid.signals().forecast(zone, clock.instant(), clock.instant().plus(Duration.ofMinutes(30)));
                assertThat(r).isInstanceOf(ForecastResult.Forecast.class);
                Signal s = ((ForecastResult.Forecast) r).signal();
                assertThat(s.source()).isEqualTo(d.name());
                assertThat(s.points()).isNotEmpty();
                assertThat(server.getRequestCount()).isEqualTo(ANSWERS.getOrDefault(d.kind(), List.of()).size());
            }
        }
    }
}
