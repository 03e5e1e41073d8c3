package io.greenwindow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.grid.GridModule;
import io.greenwindow.grid.SettableClock;
import io.javalin.Javalin;
import java.io.IOException;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The grid routes on a real Javalin server, called over HTTP, on the embedded default (replay). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GridApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SettableClock clock = SettableClock.at("2026-11-29T13:20:00Z");
    private final OkHttpClient http = new OkHttpClient();
    private Database db;
    private GridModule grid;
    private Javalin app;

    @BeforeAll
    void start() {
        db = TestDatabases.h2();
        grid = GridModule.create(db, clock, null, Map.of());
        app = Javalin.create(config -> GridApi.register(config.routes, grid)).start(0);
    }

    @AfterAll
    void stop() {
        app.stop();
        grid.close();
        db.close();
    }

    @Test
    void forecast_knownZone_answersTheForecastJson() throws IOException {
        Reply r = get("/api/forecast?zone=DE&hours=3");
        assertThat(r.status).isEqualTo(200);
        assertThat(r.json.path("zone").asText()).isEqualTo("DE");
        assertThat(r.json.path("adapter").asText()).isEqualTo("replay");
        assertThat(r.json.path("kind").asText()).isEqualTo("average");
        assertThat(r.json.path("generatedAt").asText()).isEqualTo("2026-11-29T13:00:00Z");
        assertThat(r.json.path("points")).hasSize(4);
        JsonNode first = r.json.path("points").get(0);
        assertThat(first.path("start").asText()).isEqualTo("2026-11-29T13:00:00Z");
        assertThat(first.path("minutes").asInt()).isEqualTo(60);
        assertThat(first.path("gPerKwh").asDouble()).isPositive();
        assertThat(r.json.has("fallbacks")).isFalse();
    }

    @Test
    void forecast_unknownZone_is404NamingKnownZones() throws IOException {
        Reply r = get("/api/forecast?zone=XX");
        assertThat(r.status).isEqualTo(404);
        assertThat(r.json.path("error").asText()).contains("'XX'").contains("DE, GB");
    }

    @Test
    void forecast_badHours_is400() throws IOException {
        Reply r = get("/api/forecast?zone=DE&hours=abc");
        assertThat(r.status).isEqualTo(400);
        assertThat(r.json.path("error").asText()).contains("hours 'abc'");
    }

    @Test
    void adapters_listsReplayUpAndNoCredentials() throws IOException {
        Reply r = get("/api/adapters");
        assertThat(r.status).isEqualTo(200);
        JsonNode replay = null;
        for (JsonNode a : r.json) {
            if (a.path("name").asText().equals("replay")) {
                replay = a;
            }
        }
        assertThat(replay).isNotNull();
        assertThat(replay.path("health").asText()).isEqualTo("UP");
        assertThat(replay.path("zones")).hasSize(4);
    }

    @Test
    void sdkCurrentForecast_windowOfTwoHours_givesRollingMeansAndTheBest() throws IOException {
        Reply r = get("/emissions/forecasts/current?location=GB&dataStartAt=2026-11-29T14:00:00Z"
                + "&dataEndAt=2026-11-29T20:00:00Z&windowSize=120");
        assertThat(r.status).isEqualTo(200);
        JsonNode f = r.json.get(0);
        assertThat(f.path("location").asText()).isEqualTo("GB");
        assertThat(f.path("windowSize").asInt()).isEqualTo(120);
        JsonNode data = f.path("forecastData");
        // Windows start at dataStartAt 14:00 and step by the hour while they end by dataEndAt 20:00: 14:00 to 18:00.
        assertThat(data).hasSize(5);
        Reply points = get("/api/forecast?zone=GB&hours=9");
        JsonNode p = points.json.path("points");
        double expected = (p.get(1).path("gPerKwh").asDouble() + p.get(2).path("gPerKwh").asDouble()) / 2;
        assertThat(data.get(0).path("timestamp").asText()).isEqualTo("2026-11-29T14:00:00Z");
        assertThat(data.get(0).path("duration").asInt()).isEqualTo(120);
        assertThat(data.get(0).path("value").asDouble()).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.01));
        double min = Double.MAX_VALUE;
        String minAt = null;
        for (JsonNode w : data) {
            if (w.path("value").asDouble() < min) {
                min = w.path("value").asDouble();
                minAt = w.path("timestamp").asText();
            }
        }
        // Every window tied at the lowest mean is optimal; the earliest of them is found first above.
        assertThat(f.path("optimalDataPoints").get(0).path("timestamp").asText()).isEqualTo(minAt);
        for (JsonNode o : f.path("optimalDataPoints")) {
            assertThat(o.path("value").asDouble()).isEqualTo(min);
        }
    }

    @Test
    void sdkByLocations_pastHours_givesRatingsWithDuration() throws IOException {
        Reply r = get("/emissions/bylocations?location=DE&location=GB&time=2026-11-29T08:00:00Z&toTime=2026-11-29T10:00:00Z");
        assertThat(r.status).isEqualTo(200);
        // 08:00, 09:00 and 10:00 (the SDK's bounds are inclusive) for each location.
        assertThat(r.json).hasSize(6);
        assertThat(r.json.get(0).path("duration").asText()).isEqualTo("01:00:00");
        assertThat(r.json.get(3).path("location").asText()).isEqualTo("GB");
    }

    @Test
    void sdkBest_twoLocations_isTheLowestRating() throws IOException {
        Reply all = get("/emissions/bylocations?location=DE&location=GB&time=2026-11-29T08:00:00Z&toTime=2026-11-29T10:00:00Z");
        double min = Double.MAX_VALUE;
        for (JsonNode n : all.json) {
            min = Math.min(min, n.path("rating").asDouble());
        }
        Reply best = get("/emissions/bylocations/best?location=DE&location=GB&time=2026-11-29T08:00:00Z&toTime=2026-11-29T10:00:00Z");
        assertThat(best.status).isEqualTo(200);
        assertThat(best.json).isNotEmpty();
        for (JsonNode b : best.json) {
            assertThat(b.path("rating").asDouble()).isEqualTo(min);
        }
        Reply single = get("/emissions/bylocation?location=GB&time=2026-11-29T08:00:00Z&toTime=2026-11-29T10:00:00Z");
        assertThat(single.json).hasSize(3);
    }

    @Test
    void sdkCurrentForecast_unknownLocation_is400NamingIt() throws IOException {
        Reply r = get("/emissions/forecasts/current?location=mars");
        assertThat(r.status).isEqualTo(400);
        assertThat(r.json.path("error").asText()).contains("'mars'");
    }

    @Test
    void sdkAverage_twoHours_isTheMeanOfTheTwoHourlyRatings() throws IOException {
        Reply hours = get("/emissions/bylocations?location=DE&time=2026-11-29T08:00:00Z&toTime=2026-11-29T10:00:00Z");
        double mean = (hours.json.get(0).path("rating").asDouble() + hours.json.get(1).path("rating").asDouble()) / 2;
        Reply r = get("/emissions/average-carbon-intensity?location=DE&startTime=2026-11-29T08:00:00Z&endTime=2026-11-29T10:00:00Z");
        assertThat(r.status).isEqualTo(200);
        assertThat(r.json.path("carbonIntensity").asDouble()).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void sdkAverage_missingStartTime_is400() throws IOException {
        Reply r = get("/emissions/average-carbon-intensity?location=DE&endTime=2026-11-29T10:00:00Z");
        assertThat(r.status).isEqualTo(400);
        assertThat(r.json.path("error").asText()).contains("startTime");
    }

    private record Reply(int status, JsonNode json) {
    }

    private Reply get(String path) throws IOException {
        Request request = new Request.Builder().url("http://localhost:" + app.port() + path).build();
        try (Response response = http.newCall(request).execute()) {
            return new Reply(response.code(), JSON.readTree(response.body().string()));
        }
    }
}
