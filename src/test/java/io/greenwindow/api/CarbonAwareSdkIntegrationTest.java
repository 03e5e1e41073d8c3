package io.greenwindow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.greenwindow.api.SdkTestServer.Reply;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Carbon Aware SDK's own WebAPI integration tests (src/CarbonAware.WebApi/test/integrationTests:
 * CarbonAwareControllerTests, LocationsControllerTests, WebApiEndpointTests), request for request and assertion
 * for assertion, against greenwindow. Their locations eastus and westus are our zones XA and XB; their mocked data
 * sources are the replayed trace of {@link SdkTestServer} (and, for the batch forecasts the SDK answers from
 * WattTime's historical forecasts, a forecast stored as known at the asked time). /metrics is another issue.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CarbonAwareSdkIntegrationTest {

    private SdkTestServer server;

    @BeforeAll
    void start() throws IOException {
        server = new SdkTestServer();
        // The SDK mocks WattTime's historical forecast for 2021-09-01: a day of points known at 08:30.
        double[] day = new double[30];
        for (int i = 0; i < day.length; i++) {
            day[i] = 100 + 10 * (i % 7);
        }
        server.storeForecast(Instant.parse("2021-09-01T08:00:00Z"), Instant.parse("2021-09-01T08:00:00Z"), day);
    }

    @AfterAll
    void stop() throws IOException {
        server.close();
    }

    @Test
    void healthCheck_returnsOk() throws IOException {
        assertThat(server.get("/health").status()).isEqualTo(200);
    }

    @Test
    void fakeEndpoint_returnsNotFound() throws IOException {
        assertThat(server.get("/fake-endpoint").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @CsvSource({"2022-1-1T04:05:06Z, 2022-1-2T04:05:06Z, XA", "2021-12-25T00:00:00+06:00, 2021-12-26T00:00:00+06:00, XB"})
    void byLocation_byLocations_best_returnOk(String start, String end, String location) throws IOException {
        for (String uri : List.of("/emissions/bylocation", "/emissions/bylocations", "/emissions/bylocations/best")) {
            Reply r = server.get(uri, "location", location, "time", start, "toTime", end);
            assertThat(r.status()).as(uri + " " + r.body()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @CsvSource({"location, ''", "non-location-param, ''"})
    void emptyOrMissingLocation_returnsBadRequest(String name, String value) throws IOException {
        for (String uri : List.of("/emissions/bylocation", "/emissions/bylocations", "/emissions/bylocations/best",
                "/emissions/forecasts/current", "/emissions/average-carbon-intensity")) {
            assertThat(server.get(uri, name, value).status()).as(uri).isEqualTo(400);
        }
    }

    @Test
    void forecastsCurrent_returnsOk_withOneForecastCarryingItsFields() throws IOException {
        Reply r = server.get("/emissions/forecasts/current", "location", "XB");
        assertThat(r.status()).isEqualTo(200);
        JsonNode forecasts = r.json();
        assertThat(forecasts).hasSize(1);
        for (JsonNode f : forecasts) {
            assertThat(f.hasNonNull("requestedAt")).isTrue();
            assertThat(f.hasNonNull("generatedAt")).isTrue();
            assertThat(f.path("optimalDataPoints").isArray()).isTrue();
            assertThat(f.path("forecastData").isArray()).isTrue();
        }
    }

    @Test
    void forecastsCurrent_startAndEndOutsideWindow_returnsBadRequest() throws IOException {
        Reply r = server.get("/emissions/forecasts/current", "location", "XB",
                "dataStartAt", "1999-01-01T00:00:00Z", "dataEndAt", "1999-01-02T00:00:00Z");
        assertThat(r.status()).isEqualTo(400);
    }

    @ParameterizedTest
    @CsvSource(value = {"NULL, NULL", "XA, NULL", "NULL, 2021-09-01T08:30:00Z", "XA, 2021-9-1T08:30:00Z"}, nullValues = "NULL")
    void forecastsBatch_missingRequiredParams_returnsBadRequest(String location, String requestedAt) throws IOException {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("location", location);
        entry.put("requestedAt", requestedAt);
        assertThat(server.post("/emissions/forecasts/batch", List.of(entry)).status()).isEqualTo(400);
    }

    @ParameterizedTest
    @CsvSource({"2021-09-01T08:30:00Z, 2021-09-01T09:00:00Z, 2021-09-01T12:00:00Z, XA, 1",
            "2021-09-01T08:30:00Z, 2021-09-01T08:30:00Z, 2021-09-02T08:30:00Z, XA, 3"})
    void forecastsBatch_returnsOk(String requestedAt, String start, String end, String location, int n) throws IOException {
        List<Map<String, Object>> input = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            input.add(Map.of("requestedAt", requestedAt, "dataStartAt", start, "dataEndAt", end, "location", location));
        }
        Reply r = server.post("/emissions/forecasts/batch", input);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode forecasts = r.json();
        assertThat(forecasts).hasSize(n);
        for (JsonNode f : forecasts) {
            assertThat(Instant.parse(f.path("requestedAt").asText())).isEqualTo(Instant.parse(requestedAt));
            assertThat(f.hasNonNull("generatedAt")).isTrue();
            assertThat(f.path("optimalDataPoints").isArray()).isTrue();
            assertThat(f.path("forecastData").isArray()).isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource({"2022-1-1T04:05:06Z, 2022-1-2T04:05:06Z, XA", "2021-12-25T00:00:00+06:00, 2021-12-26T00:00:00+06:00, XB"})
    void averageCarbonIntensity_returnsOk(String start, String end, String location) throws IOException {
        Reply r = server.get("/emissions/average-carbon-intensity", "location", location, "startTime", start, "endTime", end);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode value = r.json();
        assertThat(value.hasNonNull("carbonIntensity")).isTrue();
        assertThat(Instant.parse(value.path("startTime").asText())).isEqualTo(dotNet(start));
        assertThat(Instant.parse(value.path("endTime").asText())).isEqualTo(dotNet(end));
    }

    @ParameterizedTest
    @CsvSource(value = {"NULL, NULL, NULL", "XA, NULL, NULL", "XA, 2022-03-01T15:30:00Z, NULL",
            "XA, NULL, 2022-03-01T18:00:00Z", "XB, 2022-3-1T15:30:00Z, 2022-3-1T18:00:00Z"}, nullValues = "NULL")
    void averageBatch_missingRequiredParams_returnsBadRequest(String location, String start, String end) throws IOException {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("location", location);
        entry.put("startTime", start);
        entry.put("endTime", end);
        assertThat(server.post("/emissions/average-carbon-intensity/batch", List.of(entry)).status()).isEqualTo(400);
    }

    @ParameterizedTest
    @CsvSource({"2022-01-01T04:05:06Z, 2022-01-02T04:05:06Z, XA, 1", "2021-12-25T00:00:00+06:00, 2021-12-26T00:00:00+06:00, XB, 3"})
    void averageBatch_returnsOk(String start, String end, String location, int n) throws IOException {
        List<Map<String, Object>> input = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            input.add(Map.of("location", location, "startTime", start, "endTime", end));
        }
        Reply r = server.post("/emissions/average-carbon-intensity/batch", input);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json()).hasSize(n);
        for (JsonNode v : r.json()) {
            assertThat(v.path("carbonIntensity").asDouble()).isNotZero();
            assertThat(v.path("location").asText()).isEqualTo(location);
            assertThat(Instant.parse(v.path("startTime").asText())).isEqualTo(OffsetDateTime.parse(start).toInstant());
            assertThat(Instant.parse(v.path("endTime").asText())).isEqualTo(OffsetDateTime.parse(end).toInstant());
        }
    }

    @Test
    void getLocations_returnsOk_withTheLocationsByName() throws IOException {
        Reply r = server.get("/locations");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().has("XA")).isTrue();
        assertThat(r.json().has("XB")).isTrue();
    }

    /** The test's own reading of a .NET date (unpadded fields allowed), independent of the code under test. */
    private static Instant dotNet(String s) {
        String[] dt = s.split("T");
        String[] ymd = dt[0].split("-");
        String padded = String.format("%s-%02d-%02dT%s", ymd[0], Integer.parseInt(ymd[1]), Integer.parseInt(ymd[2]), dt[1]);
        return OffsetDateTime.parse(padded).toInstant();
    }
}
