package io.greenwindow.grid.casdk;

import static io.greenwindow.grid.http.ProviderFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.grid.SettableClock;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalKind;
import io.greenwindow.grid.SignalPoint;
import io.greenwindow.grid.TestDefinitions;
import io.greenwindow.grid.http.ProviderServer;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CarbonAwareSdkAdapterTest {

    private final SettableClock clock = SettableClock.at("2026-11-29T13:20:00Z");
    private final Instant now = clock.instant();
    @RegisterExtension
    final ProviderServer server = new ProviderServer();

    @Test
    void forecast_currentForecast_readsForecastDataAndTreatsMinusOneAsMissing() throws Exception {
        server.enqueue(json(200, "casdk/westus-2026-11-29-forecasts-current.json"));

        Signal s = adapter().forecast("US-CAL-CISO", now, Instant.parse("2026-11-29T15:00:00Z"));

        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/emissions/forecasts/current");
        assertThat(r.getUrl().queryParameter("location")).isEqualTo("westus");
        assertThat(r.getUrl().queryParameter("dataStartAt")).isEqualTo("2026-11-29T13:20:00Z");
        assertThat(r.getUrl().queryParameter("dataEndAt")).isEqualTo("2026-11-29T15:00:00Z");
        assertThat(s.generatedAt()).isEqualTo(Instant.parse("2026-11-29T13:15:00Z"));
        assertThat(s.kind()).isEqualTo(SignalKind.AVERAGE);
        assertThat(s.step()).isEqualTo(Duration.ofMinutes(30));
        // 310, -1 (unknown), 250, 270: the unknown half hour is the mean of its neighbours, flagged.
        assertThat(s.points()).containsExactly(
                new SignalPoint(Instant.parse("2026-11-29T13:00:00Z"), 310, false),
                new SignalPoint(Instant.parse("2026-11-29T13:30:00Z"), 280, true),
                new SignalPoint(Instant.parse("2026-11-29T14:00:00Z"), 250, false),
                new SignalPoint(Instant.parse("2026-11-29T14:30:00Z"), 270, false));
    }

    @Test
    void history_byLocations_readsRatingsWithTimeSpanDurations() throws Exception {
        server.enqueue(json(200, "casdk/westus-2026-11-29-bylocations.json"));

        Signal h = adapter().history("US-CAL-CISO", Instant.parse("2026-11-29T10:00:00Z"), Instant.parse("2026-11-29T12:00:00Z"))
                .orElseThrow();

        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/emissions/bylocations");
        assertThat(r.getUrl().queryParameter("time")).isEqualTo("2026-11-29T10:00:00Z");
        assertThat(r.getUrl().queryParameter("toTime")).isEqualTo("2026-11-29T12:00:00Z");
        assertThat(h.step()).isEqualTo(Duration.ofHours(1));
        assertThat(h.points()).extracting(SignalPoint::gPerKwh).containsExactly(301.5, 288.25);
    }

    private CarbonAwareSdkAdapter adapter() {
        return new CarbonAwareSdkAdapter(TestDefinitions.yaml("""
                name: carbon-aware-sdk
                kind: carbon-aware-sdk
                baseUrl: %s
                zones:
                  US-CAL-CISO: westus
                """.formatted(server.baseUrl())), server.settings(), clock);
    }
}
