package io.greenwindow.grid.gb;

import static io.greenwindow.grid.http.ProviderFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.greenwindow.grid.SettableClock;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalPoint;
import io.greenwindow.grid.TestDefinitions;
import io.greenwindow.grid.http.ProviderServer;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GbCarbonIntensityAdapterTest {

    private final SettableClock clock = SettableClock.at("2026-11-29T13:20:00Z");
    private final Instant now = clock.instant();
    @RegisterExtension
    final ProviderServer server = new ProviderServer();

    @Test
    void forecast_national_asksFw48hFromTheHalfHourAndGivesHalfHourlyPoints() throws Exception {
        server.enqueue(json(200, "gb/national-2026-11-29-fw48h.json"));

        Signal s = adapter().forecast("GB", now, now.plus(Duration.ofHours(2)));

        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/intensity/2026-11-29T13:00Z/fw48h");
        assertThat(r.getHeaders().get("Authorization")).isNull();
        assertThat(s.step()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.generatedAt()).isEqualTo(Instant.parse("2026-11-29T13:00:00Z"));
        assertThat(s.points()).extracting(SignalPoint::gPerKwh).containsExactly(186.0, 190.0, 201.0, 210.0);
    }

    @Test
    void forecast_regionId_readsTheRegionObject() throws Exception {
        server.enqueue(json(200, "gb/london-regionid-13-2026-11-29-fw48h.json"));
        Signal s = adapter().forecast("GB-LONDON", now, now.plus(Duration.ofHours(1)));
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/regional/intensity/2026-11-29T13:00Z/fw48h/regionid/13");
        assertThat(s.points()).extracting(SignalPoint::gPerKwh).containsExactly(120.0, 130.0);
    }

    @Test
    void forecast_postcode_readsTheOneItemList() throws Exception {
        server.enqueue(json(200, "gb/postcode-rg10-2026-11-29-fw48h.json"));
        Signal s = adapter().forecast("GB-RG10", now, now.plus(Duration.ofHours(1)));
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/regional/intensity/2026-11-29T13:00Z/fw48h/postcode/RG10");
        assertThat(s.points()).extracting(SignalPoint::gPerKwh).containsExactly(99.0);
    }

    @Test
    void history_national_usesActualAndTheForecastWhereNoActualYet() throws Exception {
        server.enqueue(json(200, "gb/national-2026-11-29-actual.json"));
        Signal h = adapter().history("GB", Instant.parse("2026-11-29T10:00:00Z"), Instant.parse("2026-11-29T11:30:00Z"))
                .orElseThrow();
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/intensity/2026-11-29T10:00Z/2026-11-29T11:30Z");
        assertThat(h.points()).extracting(SignalPoint::gPerKwh).containsExactly(148.0, 157.0, 160.0);
    }

    @Test
    void forecast_badRequest_failsWithTheApisMessage() {
        server.enqueue(json(400, "gb/bad-request.json"));
        assertThatThrownBy(() -> adapter().forecast("GB", now, now.plusSeconds(3600)))
                .hasMessageContaining("HTTP 400").hasMessageContaining("valid start datetime");
    }

    @Test
    void definition_badRegionCode_isRefusedNamingTheZone() {
        assertThatThrownBy(() -> new GbCarbonIntensityAdapter(TestDefinitions.yaml("""
                name: gb
                kind: gb
                zones:
                  GB-X: regionid:42
                """), server.settings(), clock))
                .hasMessageContaining("GB-X").hasMessageContaining("regionid:42");
    }

    private GbCarbonIntensityAdapter adapter() {
        return new GbCarbonIntensityAdapter(TestDefinitions.yaml("""
                name: gb
                kind: gb
                baseUrl: %s
                zones:
                  GB: national
                  GB-LONDON: regionid:13
                  GB-RG10: postcode:rg10
                """.formatted(server.baseUrl())), server.settings(), clock);
    }
}
