package io.greenwindow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.greenwindow.api.SdkTestServer.Reply;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Carbon Aware SDK WebAPI's rules, each read from the SDK's source (cited per test), against a real server.
 * Expected figures are worked out by hand from the trace of {@link SdkTestServer}: 400 g/kWh except 08:00 and
 * 10:00 (150), 14:00 and 16:00 (100), 15:00 (300), 17:00 (200) on 2026-11-29; now is 13:20.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CarbonAwareSdkRulesTest {

    private static final String FORECAST = "/emissions/forecasts/current";
    private SdkTestServer server;

    @BeforeAll
    void start() throws IOException {
        server = new SdkTestServer();
    }

    @AfterAll
    void stop() throws IOException {
        server.close();
    }

    // --- errors: HttpResponseExceptionFilter / CarbonAwareParameters.Validate -> ValidationProblemDetails, 400

    @Test
    void error_isValidationProblemDetails_namingTheParameter() throws IOException {
        Reply r = server.get("/emissions/bylocations?toTime=2026-11-29T10:00:00Z&location=XA");
        assertThat(r.status()).isEqualTo(400);
        JsonNode body = r.json();
        assertThat(body.path("title").asText()).isEqualTo(CarbonAwareProblem.VALIDATION_TITLE);
        assertThat(body.path("status").asInt()).isEqualTo(400);
        assertThat(body.path("detail").asText()).isEqualTo("time must be defined if toTime is defined");
        assertThat(body.path("errors").path("time").get(0).asText()).isEqualTo("time must be defined if toTime is defined");
        assertThat(body.path("error").asText()).isEqualTo(body.path("detail").asText());
    }

    @Test
    void averageWithNothing_listsEveryMissingParameter() throws IOException {
        JsonNode errors = server.get("/emissions/average-carbon-intensity").json().path("errors");
        assertThat(errors.path("location").get(0).asText()).isEqualTo("location is not set");
        assertThat(errors.path("startTime").get(0).asText()).isEqualTo("startTime is not set");
        assertThat(errors.path("endTime").get(0).asText()).isEqualTo("endTime is not set");
    }

    // --- forecasts/current: ForecastHandler.ProcessAndValidateForecast, EmissionsForecast.Validate

    @Test
    void forecastWithoutBounds_isTheWholeForecast_fromItsFirstToItsLastPoint() throws IOException {
        JsonNode f = server.get(FORECAST + "?location=XA").json().get(0);
        // The replayed forecast: 24 hourly points from the hour of now (13:00) to 12:00 the next day.
        assertThat(f.path("forecastData")).hasSize(24);
        assertThat(f.path("dataStartAt").asText()).isEqualTo("2026-11-29T13:00:00Z");
        // EmissionsForecastDTO: dataEndAt is the last point's time, not its end.
        assertThat(f.path("dataEndAt").asText()).isEqualTo("2026-11-30T12:00:00Z");
        assertThat(f.path("requestedAt").asText()).isEqualTo("2026-11-29T13:20:00Z");
        assertThat(f.path("generatedAt").asText()).isEqualTo("2026-11-29T13:00:00Z");
        assertThat(f.path("windowSize").asInt()).isZero();
        // Lowest value 100 at 14:00 and 16:00: both are optimal.
        assertThat(timestamps(f.path("optimalDataPoints"))).containsExactly("2026-11-29T14:00:00Z", "2026-11-29T16:00:00Z");
    }

    @Test
    void boundsBeforeTheForecast_are400_forBothBounds() throws IOException {
        Reply r = server.get(FORECAST + "?location=XA&dataStartAt=1999-01-01T00:00:00Z&dataEndAt=1999-01-02T00:00:00Z");
        assertThat(r.status()).isEqualTo(400);
        JsonNode errors = r.json().path("errors");
        assertThat(errors.path("dataStartAt").get(0).asText()).startsWith("dataStartAt must be within time range of the forecasted data");
        assertThat(errors.path("dataEndAt").get(0).asText()).contains("'2026-11-29T13:00:00Z' through '2026-11-30T13:00:00Z'");
    }

    @Test
    void boundPastTheForecastButWithinTheHorizon_is400() throws IOException {
        // The forecast ends at 2026-11-30T13:00; 20:00 is inside our 72 h cap but outside the data.
        Reply r = server.get(FORECAST + "?location=XA&dataStartAt=2026-11-29T14:00:00Z&dataEndAt=2026-11-30T20:00:00Z");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("errors").has("dataEndAt")).isTrue();
        assertThat(r.json().path("errors").has("dataStartAt")).isFalse();
    }

    @Test
    void boundedForecast_keepsThePointCoveringDataStartAt_andThePointAtDataEndAt() throws IOException {
        // IntervalHelper.FilterByDuration: end > dataStartAt and start <= dataEndAt -> 14:00, 15:00, 16:00, 17:00.
        JsonNode f = server.get(FORECAST + "?location=XA&dataStartAt=2026-11-29T14:30:00Z&dataEndAt=2026-11-29T17:00:00Z")
                .json().get(0);
        assertThat(timestamps(f.path("forecastData"))).containsExactly("2026-11-29T14:00:00Z", "2026-11-29T15:00:00Z",
                "2026-11-29T16:00:00Z", "2026-11-29T17:00:00Z");
        assertThat(f.path("dataStartAt").asText()).isEqualTo("2026-11-29T14:30:00Z");
        assertThat(f.path("dataEndAt").asText()).isEqualTo("2026-11-29T17:00:00Z");
        assertThat(timestamps(f.path("optimalDataPoints"))).containsExactly("2026-11-29T14:00:00Z", "2026-11-29T16:00:00Z");
    }

    @Test
    void windows_startAtDataStartAt_andDoNotRunPastDataEndAt_tiesAllOptimal() throws IOException {
        // 60-minute windows from 14:30: 14:30-15:30 = (100*30 + 300*30)/60 = 200; 15:30-16:30 = (300+100)/2 = 200;
        // 16:30-17:30 would end after dataEndAt 17:00: not offered. Both windows tie at 200.
        JsonNode f = server.get(FORECAST + "?location=XA&dataStartAt=2026-11-29T14:30:00Z&dataEndAt=2026-11-29T17:00:00Z"
                + "&windowSize=60").json().get(0);
        JsonNode data = f.path("forecastData");
        assertThat(timestamps(data)).containsExactly("2026-11-29T14:30:00Z", "2026-11-29T15:30:00Z");
        assertThat(data.get(0).path("value").asDouble()).isCloseTo(200.0, Offset.offset(1e-9));
        assertThat(data.get(1).path("value").asDouble()).isCloseTo(200.0, Offset.offset(1e-9));
        assertThat(data.get(0).path("duration").asInt()).isEqualTo(60);
        assertThat(f.path("windowSize").asInt()).isEqualTo(60);
        assertThat(f.path("optimalDataPoints")).hasSize(2);
    }

    @Test
    void twoHourWindows_endingExactlyAtDataEndAt_areOffered_theBestIsTheLowestMean() throws IOException {
        // 14-16: (100+300)/2 = 200; 15-17: (300+100)/2 = 200; 16-18: (100+200)/2 = 150; 17-19 ends after 18:00.
        JsonNode f = server.get(FORECAST + "?location=XA&dataStartAt=2026-11-29T14:00:00Z&dataEndAt=2026-11-29T18:00:00Z"
                + "&windowSize=120").json().get(0);
        assertThat(timestamps(f.path("forecastData")))
                .containsExactly("2026-11-29T14:00:00Z", "2026-11-29T15:00:00Z", "2026-11-29T16:00:00Z");
        JsonNode best = f.path("optimalDataPoints");
        assertThat(timestamps(best)).containsExactly("2026-11-29T16:00:00Z");
        assertThat(best.get(0).path("value").asDouble()).isCloseTo(150.0, Offset.offset(1e-9));
    }

    @Test
    void firstWindow_isOfferedEvenPastDataEndAt_asTheSdkChecksTheBoundOnlyForTheNext() throws IOException {
        // RollingAverage yields the first covered window before it compares windowEnd with dataEndAt:
        // 14:00-16:00 = (100 + 300)/2 = 200, although dataEndAt is 15:00.
        JsonNode data = server.get(FORECAST + "?location=XA&dataStartAt=2026-11-29T14:00:00Z&dataEndAt=2026-11-29T15:00:00Z"
                + "&windowSize=120").json().get(0).path("forecastData");
        assertThat(timestamps(data)).containsExactly("2026-11-29T14:00:00Z");
        assertThat(data.get(0).path("value").asDouble()).isCloseTo(200.0, Offset.offset(1e-9));
    }

    @Test
    void emptyLocationEntries_areDropped() throws IOException {
        Reply r = server.get(FORECAST + "?location=&location=XA");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).hasSize(1);
        Reply none = server.get(FORECAST + "?location=");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().path("errors").has("location")).isTrue();
    }

    // --- bylocations: EmissionsHandler.GetEmissionsDataAsync (start default now, end default start)

    @Test
    void byLocationWithoutTime_isTheCurrentInstant() throws IOException {
        JsonNode r = server.get("/emissions/bylocation?location=XA").json();
        assertThat(r).hasSize(1);
        assertThat(r.get(0).path("time").asText()).isEqualTo("2026-11-29T13:00:00Z");
        assertThat(r.get(0).path("rating").asDouble()).isEqualTo(400.0);
    }

    @Test
    void byLocationWithTimeOnly_isThatInstant() throws IOException {
        JsonNode r = server.get("/emissions/bylocation?location=XA&time=2026-11-29T08:30:00Z").json();
        assertThat(r).hasSize(1);
        assertThat(r.get(0).path("time").asText()).isEqualTo("2026-11-29T08:00:00Z");
        assertThat(r.get(0).path("rating").asDouble()).isEqualTo(150.0);
        assertThat(r.get(0).path("duration").asText()).isEqualTo("01:00:00");
    }

    @Test
    void byLocationsPeriod_isInclusiveOfToTime() throws IOException {
        JsonNode r = server.get("/emissions/bylocations?location=XA&location=XB&time=2026-11-29T08:00:00Z"
                + "&toTime=2026-11-29T10:00:00Z").json();
        // 08:00, 09:00 and 10:00 for each location.
        assertThat(r).hasSize(6);
        assertThat(r.get(2).path("time").asText()).isEqualTo("2026-11-29T10:00:00Z");
        assertThat(r.get(3).path("location").asText()).isEqualTo("XB");
    }

    @Test
    void toTimeWithoutTime_is400() throws IOException {
        assertThat(server.get("/emissions/bylocations/best?location=XA&toTime=2026-11-29T10:00:00Z").status()).isEqualTo(400);
    }

    @Test
    void noData_is204_onBylocationsAndBest() throws IOException {
        // History ends now: nothing is known of tonight.
        String q = "?location=XA&time=2026-11-29T20:00:00Z&toTime=2026-11-29T22:00:00Z";
        Reply all = server.get("/emissions/bylocations" + q);
        Reply best = server.get("/emissions/bylocations/best" + q);
        assertThat(all.status()).isEqualTo(204);
        assertThat(all.body()).isEmpty();
        assertThat(best.status()).isEqualTo(204);
    }

    @Test
    void best_returnsEveryTiedPoint() throws IOException {
        JsonNode best = server.get("/emissions/bylocations/best?location=XA&time=2026-11-29T08:00:00Z"
                + "&toTime=2026-11-29T10:00:00Z").json();
        assertThat(best).hasSize(2);
        assertThat(best.get(0).path("time").asText()).isEqualTo("2026-11-29T08:00:00Z");
        assertThat(best.get(1).path("time").asText()).isEqualTo("2026-11-29T10:00:00Z");
        assertThat(best.get(1).path("rating").asDouble()).isEqualTo(150.0);
    }

    // --- average-carbon-intensity: EmissionsDataExtensions.AverageOverPeriod

    @Test
    void average_isTimeWeighted() throws IOException {
        // 08:15-09:15: 45 min at 150 and 15 min at 400 -> (6750 + 6000) / 60 = 212.5.
        JsonNode r = server.get("/emissions/average-carbon-intensity?location=XA&startTime=2026-11-29T08:15:00Z"
                + "&endTime=2026-11-29T09:15:00Z").json();
        assertThat(r.path("carbonIntensity").asDouble()).isCloseTo(212.5, Offset.offset(1e-9));
        assertThat(r.path("startTime").asText()).isEqualTo("2026-11-29T08:15:00Z");
    }

    @Test
    void partlyCoveredPeriod_is400() throws IOException {
        // History reaches to the end of the current hour (14:00), not to 15:00.
        Reply r = server.get("/emissions/average-carbon-intensity?location=XA&startTime=2026-11-29T12:00:00Z"
                + "&endTime=2026-11-29T15:00:00Z");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("detail").asText()).startsWith("Period out of range");
    }

    // --- dates as .NET reads them (DateTimeOffset model binding)

    @Test
    void dateOnly_isMidnightUtc() throws IOException {
        JsonNode r = server.get("/emissions/bylocation?location=XA&time=2026-11-29").json();
        assertThat(r.get(0).path("time").asText()).isEqualTo("2026-11-29T00:00:00Z");
    }

    @Test
    void unpaddedDay_andAnOffset_areRead() throws IOException {
        JsonNode unpadded = server.get("/emissions/bylocation?location=XA&time=2026-11-9T04:05:06Z").json();
        assertThat(unpadded.get(0).path("time").asText()).isEqualTo("2026-11-09T04:00:00Z");
        // 14:00+06:00 is 08:00Z: 150.
        JsonNode offset = server.get("/emissions/bylocation", "location", "XA", "time", "2026-11-29T14:00:00+06:00").json();
        assertThat(offset.get(0).path("rating").asDouble()).isEqualTo(150.0);
    }

    @Test
    void anOffsetSentUnencoded_isRead_thoughItsPlusArrivesAsASpace() throws IOException {
        // A query's '+' decodes to a space; 14:00 06:00 is still read as +06:00, so 08:00Z: 150.
        JsonNode r = server.get("/emissions/bylocation?location=XA&time=2026-11-29T14:00:00+06:00").json();
        assertThat(r.get(0).path("time").asText()).isEqualTo("2026-11-29T08:00:00Z");
        assertThat(r.get(0).path("rating").asDouble()).isEqualTo(150.0);
    }

    @Test
    void unreadableDate_is400NamingTheParameter() throws IOException {
        Reply r = server.get("/emissions/bylocation?location=XA&time=yesterday");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("errors").path("time").get(0).asText()).contains("'yesterday'");
    }

    // --- batches, locations, health, OpenAPI

    @Test
    void batchForecast_usesTheForecastKnownAtRequestedAt() throws IOException {
        Instant gen = Instant.parse("2026-11-20T00:00:00Z");
        server.storeForecast(gen, gen, 300, 200, 100, 200, 300, 400);
        server.storeForecast(Instant.parse("2026-11-20T03:00:00Z"), Instant.parse("2026-11-20T03:00:00Z"), 999, 999, 999);
        Reply r = server.post("/emissions/forecasts/batch", List.of(Map.of("requestedAt", "2026-11-20T01:00:00Z",
                "location", "XA", "dataStartAt", "2026-11-20T00:00:00Z", "dataEndAt", "2026-11-20T05:00:00Z",
                "windowSize", 120)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode f = r.json().get(0);
        assertThat(f.path("requestedAt").asText()).isEqualTo("2026-11-20T01:00:00Z");
        assertThat(f.path("generatedAt").asText()).isEqualTo("2026-11-20T00:00:00Z");
        // Two-hour means from 00:00: 250, 150, 150, 250; 04:00-06:00 ends after dataEndAt 05:00.
        JsonNode data = f.path("forecastData");
        assertThat(data).hasSize(4);
        assertThat(data.get(1).path("value").asDouble()).isCloseTo(150.0, Offset.offset(1e-9));
        assertThat(timestamps(f.path("optimalDataPoints"))).containsExactly("2026-11-20T01:00:00Z", "2026-11-20T02:00:00Z");
    }

    @Test
    void batchAverage_answersEachEntryInOrder() throws IOException {
        Reply r = server.post("/emissions/average-carbon-intensity/batch", List.of(
                Map.of("location", "XA", "startTime", "2026-11-29T08:15:00Z", "endTime", "2026-11-29T09:15:00Z"),
                Map.of("location", "XB", "startTime", "2026-11-29T10:00:00Z", "endTime", "2026-11-29T10:30:00Z")));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get(0).path("carbonIntensity").asDouble()).isCloseTo(212.5, Offset.offset(1e-9));
        assertThat(r.json().get(1).path("carbonIntensity").asDouble()).isCloseTo(150.0, Offset.offset(1e-9));
    }

    @Test
    void batch_overTheCap_orNotAnArray_is400() throws IOException {
        List<Map<String, String>> many = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            many.add(Map.of("location", "XA", "startTime", "2026-11-29T08:00:00Z", "endTime", "2026-11-29T09:00:00Z"));
        }
        Reply r = server.post("/emissions/average-carbon-intensity/batch", many);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("detail").asText()).isEqualTo("11 entries given; at most 10 per request");
        assertThat(server.post("/emissions/forecasts/batch", Map.of("location", "XA")).status()).isEqualTo(400);
    }

    @Test
    void locations_areTheZonesByName() throws IOException {
        JsonNode r = server.get("/locations").json();
        assertThat(r.path("XA").path("name").asText()).isEqualTo("XA");
        assertThat(r.path("XB").has("latitude")).isTrue();
    }

    @Test
    void health_isHealthy() throws IOException {
        Reply r = server.get("/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("Healthy");
    }

    @Test
    void swagger_describesEveryServedSdkRoute_andOnlyThose() throws IOException {
        Reply r = server.get("/api/v1/swagger.yaml");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/x-yaml");
        JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(r.body());
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        List<String> documented = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey())));
        List<String> served = ApiServer.routes(server.app).stream()
                .filter(e -> e.method.isHttpMethod() && e.method != io.javalin.http.HandlerType.HEAD)
                .map(e -> e.method + " " + e.path)
                .filter(s -> s.contains(" /emissions") || s.contains(" /locations") || s.endsWith(" /health"))
                .toList();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(served);
        // Every documented operation answers (not 404/405) on the running server.
        for (String op : documented) {
            String path = op.substring(op.indexOf(' ') + 1);
            int status = op.startsWith("POST") ? server.post(path, List.of()).status() : server.get(path + "?location=XA").status();
            assertThat(status).as(op).isIn(200, 204, 400);
        }
        // The operation ids the SDK's generated clients call.
        assertThat(doc.path("paths").path("/emissions/forecasts/current").path("get").path("operationId").asText())
                .isEqualTo("GetCurrentForecastData");
        assertThat(doc.path("paths").path("/emissions/forecasts/batch").path("post").path("operationId").asText())
                .isEqualTo("BatchForecastDataAsync");
    }

    private static List<String> timestamps(JsonNode points) {
        List<String> out = new ArrayList<>();
        points.forEach(p -> out.add(p.path("timestamp").asText()));
        return out;
    }
}
