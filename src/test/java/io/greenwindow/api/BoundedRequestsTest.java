package io.greenwindow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.grid.GridModule;
import io.greenwindow.grid.SettableClock;
import io.greenwindow.job.JdbcJobRepository;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.job.spec.JobKind;
import io.greenwindow.ledger.Ledger;
import io.greenwindow.ledger.LedgerQuery;
import io.greenwindow.ledger.SampleLedger;
import io.greenwindow.service.JobService;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every range a request can ask for is capped before any work is done (400 naming the limit), and lists come
 * in pages of a bounded size: on a real server over the shipped replay adapters and a real H2.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoundedRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SettableClock clock = SettableClock.at("2026-11-29T13:20:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private Database db;
    private GridModule grid;
    private Ledger ledger;
    private JdbcJobRepository jobs;
    private Javalin app;

    @BeforeAll
    void start() {
        db = TestDatabases.h2();
        grid = GridModule.create(db, clock, null, Map.of());
        ledger = SampleLedger.populate(db);
        jobs = new JdbcJobRepository(db);
        Instant at = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < 7; i++) {
            jobs.insert(job("job-" + i, at.plus(Duration.ofMinutes(i))));
        }
        // Listing jobs needs only the repository; nothing here plans, schedules or runs.
        JobService service = new JobService(jobs, null, null, null, null, null, clock);
        app = Javalin.create(config -> {
            ErrorResponses.register(config.routes);
            GridApi.register(config.routes, grid);
            LedgerApi.register(config.routes, ledger);
            JobsApi.register(config.routes, service);
        }).start(0);
    }

    @AfterAll
    void stop() {
        app.stop();
        grid.close();
        db.close();
    }

    @Test
    void byLocations_twoCenturies_is400NamingTheLimit_withASmallBody() throws Exception {
        // Reproduction 4 of issue 10: this answered 191 MB in 11 s.
        HttpResponse<String> r = get("/emissions/bylocations?location=DE&location=GB"
                + "&time=1900-01-01T00:00:00Z&toTime=2100-01-01T00:00:00Z");

        assertThat(r.statusCode()).isEqualTo(400);
        // ValidationProblemDetails carries the sentence three times (detail, errors, error): still under 1 kB.
        assertThat(r.body().length()).isLessThan(1000);
        assertThat(JSON.readTree(r.body()).path("error").asText())
                .contains("at most 31 days times locations").contains("15.5 days here");
    }

    @Test
    void byLocations_atTheLimit_answers_andOneHourMoreDoesNot() throws Exception {
        // 31 days of one location, hourly replay history: 31 x 24 = 744 intervals, and the one starting at toTime
        // (the SDK's bounds are inclusive): 745.
        HttpResponse<String> one = get("/emissions/bylocations?location=DE"
                + "&time=2026-10-29T13:00:00Z&toTime=2026-11-29T13:00:00Z");
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(JSON.readTree(one.body())).hasSize(745);

        // Two locations share the 31 days: 15.5 days each, so 15 days 12 hours answers and 15 days 13 hours not.
        assertThat(get("/emissions/bylocations?location=DE&location=GB"
                + "&time=2026-11-14T01:00:00Z&toTime=2026-11-29T13:00:00Z").statusCode()).isEqualTo(200);
        assertThat(get("/emissions/bylocations?location=DE&location=GB"
                + "&time=2026-11-14T00:00:00Z&toTime=2026-11-29T13:00:00Z").statusCode()).isEqualTo(400);
    }

    @Test
    void tooManyLocations_is400NamingTheMost() throws Exception {
        String many = String.join("&", IntStream.range(0, 11).mapToObj(i -> "location=Z" + i).toList());

        HttpResponse<String> r = get("/emissions/bylocations?" + many);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("11 locations given; at most 10 per request");
    }

    @Test
    void forecastBeyondTheHorizon_andLongAverage_are400() throws Exception {
        HttpResponse<String> forecast = get("/emissions/forecasts/current?location=DE&dataEndAt=2026-12-03T13:20:00Z");
        HttpResponse<String> window = get("/emissions/forecasts/current?location=DE&windowSize=100000");
        HttpResponse<String> average = get("/emissions/average-carbon-intensity?location=DE"
                + "&startTime=2026-01-01T00:00:00Z&endTime=2026-11-29T00:00:00Z");

        assertThat(forecast.statusCode()).isEqualTo(400);
        assertThat(forecast.body()).contains("at most 72 hours");
        assertThat(window.statusCode()).isEqualTo(400);
        assertThat(window.body()).contains("windowSize 100000 must be at most 4320 minutes");
        assertThat(average.statusCode()).isEqualTo(400);
        assertThat(average.body()).contains("at most 31 days per request");
    }

    @Test
    void ledger_pagesFollowTheNextHeader_andTogetherAreTheWholeLedger() throws Exception {
        List<Long> seen = new ArrayList<>();
        String after = "0";
        int pages = 0;
        while (after != null) {
            HttpResponse<String> r = get("/api/ledger?format=json&limit=2&after=" + after);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode page = JSON.readTree(r.body());
            assertThat(page.size()).isBetween(1, 2);
            page.forEach(e -> seen.add(e.path("seq").asLong()));
            after = r.headers().firstValue(LedgerApi.NEXT_PAGE_HEADER).orElse(null);
            pages++;
        }

        List<Long> all = ledger.entries(LedgerQuery.ALL).stream().map(e -> e.seq()).toList();
        assertThat(all).hasSizeGreaterThan(2);
        assertThat(seen).isEqualTo(all);
        assertThat(pages).isEqualTo((all.size() + 1) / 2);
        assertThat(get("/api/ledger?limit=10001").body()).contains("limit 10001 must be between 1 and 10000");
    }

    @Test
    void jobs_pagedNewestFirst_limitAboveMostIs400() throws Exception {
        JsonNode first = JSON.readTree(get("/api/jobs?limit=3").body());
        JsonNode second = JSON.readTree(get("/api/jobs?limit=3&offset=3").body());
        JsonNode last = JSON.readTree(get("/api/jobs?limit=3&offset=6").body());

        assertThat(first.findValuesAsText("id")).containsExactly("job-6", "job-5", "job-4");
        assertThat(second.findValuesAsText("id")).containsExactly("job-3", "job-2", "job-1");
        assertThat(last.findValuesAsText("id")).containsExactly("job-0");
        HttpResponse<String> tooMany = get("/api/jobs?limit=1001");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("limit 1001 must be between 1 and 1000");
        assertThat(get("/api/jobs?offset=-1").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Job job(String id, Instant at) {
        return new Job(id, "iris", JobKind.TRAIN, "research", JobState.HELD, "test", at, at.plus(Duration.ofHours(8)),
                Duration.ofMinutes(20), List.of("DE"), 0, true, 0, false, "iris.yaml", "name: iris\n", null, null,
                null, null, null, 0, null, null, null, at);
    }
}
