package io.greenwindow.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.greenwindow.api.LedgerApi;
import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.ledger.Ledger;
import io.greenwindow.ledger.LedgerJson;
import io.greenwindow.ledger.SampleLedger;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The question that started the project, asked from the report page over real HTTP: "does a 6,988-token answer
 * eat this model's training saving, at 50,000 requests a day?" The sample ledger's job-1 saved 264 g by waiting;
 * its probe gives 0.5 J/token, its spec FR (60 g/kWh) at PUE 1.2 for 365 days.
 */
class WhatIfPageTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private Database db;
    private Ledger ledger;
    private Javalin app;

    @BeforeEach
    void start() {
        db = TestDatabases.h2();
        ledger = SampleLedger.populate(db);
        app = Javalin.create(config -> {
            ReportPage.register(config.routes, ledger);
            LedgerApi.register(config.routes, ledger);
        }).start(0);
    }

    @AfterEach
    void stop() {
        app.stop();
        db.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void reportPage_withoutMonth_isTheCurrentMonth_andTheReadmeLinkAnswers200() throws Exception {
        // The ledger's clock stands at 2026-11-03.
        HttpResponse<String> page = get("/reports?team=vision");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Carbon report: team vision, November 2026").contains("216 gCO2e");

        HttpResponse<String> readme = get("/reports?team=research");
        assertThat(readme.statusCode()).isEqualTo(200);
        assertThat(readme.body()).contains("Carbon report: team research, November 2026");
    }

    @Test
    void reportPage_whatIfForm_answersTheReasoningQuestion() throws Exception {
        String report = get("/reports?team=vision&month=2026-11").body();

        // GIVEN the form the report page offers for job-1, filled as a lead would fill it
        Map<String, String> form = formOf(report, "job-1");
        assertThat(form.keySet()).contains("requestsPerDay", "lifetimeDays", "tokens", "words", "tokensPerWord", "zone",
                "pue", "preset");
        form.put("requestsPerDay", "50000");
        form.put("tokens", "6988");

        // WHEN it is submitted
        HttpResponse<String> answer = get(action(report) + "?" + query(form));

        // THEN: 0.5 J x 6,988 = 3,494 J x 1.2 at 60 g/kWh = 0.06988 g an answer; 264 g / 0.06988 g = 3,778
        // requests, 0.0756 days (1.81 hours) at 50,000 a day; 18.25 M requests emit 1.28 t, 4,831x the saving.
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Yes: answers of 6,988 tokens (3,494 J each) at 50,000 requests a day over "
                + "365 days in FR emit 1.28 tCO2e over the deployment, 4,831x the 264 gCO2e waiting saved in training, "
                + "which they eat after 3,778 requests (1.81 hours)");
        assertThat(answer.body()).contains("this model's probe on its node: 0.5000 J/token (measured (NVML), GPU-0)")
                .contains("SCI per 1,000 requests").contains("reasoning-length").contains("4,625 J per response");

        // AND priced by the published reasoning answer instead (4,625 J: 0.0925 g; 2,854 requests, 1.37 hours).
        form.put("tokens", "");
        form.put("preset", "reasoning-length");
        String published = get(action(report) + "?" + query(form)).body();
        assertThat(published).contains("Yes: answers of 6,988 tokens (4,625 J each)").contains("2,854 requests (1.37 hours)");
    }

    @Test
    void whatIfPage_badField_answers400NamingIt_andUnknownJob404() throws Exception {
        HttpResponse<String> bad = get("/reports/whatif?job=job-1&requestsPerDay=lots");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("requestsPerDay: 'lots' is not a number").doesNotContain("Exception");

        assertThat(get("/reports/whatif?job=nope").statusCode()).isEqualTo(404);
    }

    @Test
    void api_whatIf_getAndPost_giveTheSameAnswer() throws Exception {
        JsonNode viaGet = LedgerJson.mapper().readTree(
                get("/api/ledger/whatif?job=job-1&requestsPerDay=50000&preset=reasoning-length").body());
        HttpResponse<String> viaPost = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port()
                        + "/api/ledger/whatif")).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jobId\":\"job-1\",\"requestsPerDay\":50000,\"preset\":\"reasoning-length\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(viaPost.statusCode()).isEqualTo(200);
        assertThat(LedgerJson.mapper().readTree(viaPost.body())).isEqualTo(viaGet);
        // 264 g / 0.0925 g = 2,854.05 requests.
        assertThat(viaGet.path("inference").path("breakEvenRequests").asDouble()).isBetween(2854.05, 2854.06);
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port()
                + "/api/ledger/whatif")).POST(HttpRequest.BodyPublishers.ofString("{\"jobId\":\"job-1\",\"tokens\":-3}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("tokens: -3 must be a whole number >= 1");
    }

    @Test
    void api_verifyAgainstAWrittenHead_badHeadIs400() throws Exception {
        var head = ledger.head();
        JsonNode ok = LedgerJson.mapper().readTree(get("/api/ledger/verify?head=" + head.written()).body());
        assertThat(ok.path("intact").asBoolean()).isTrue();
        JsonNode wrong = LedgerJson.mapper().readTree(get("/api/ledger/verify?head=" + head.seq() + ":"
                + "0".repeat(64)).body());
        assertThat(wrong.path("intact").asBoolean()).isFalse();
        assertThat(get("/api/ledger/verify?head=latest").statusCode()).isEqualTo(400);
    }

    /** The field names and values of the what-if form of {@code jobId} on the page. */
    private static Map<String, String> formOf(String html, String jobId) {
        Matcher forms = Pattern.compile("<form class=\"whatif\".*?</form>", Pattern.DOTALL).matcher(html);
        while (forms.find()) {
            String form = forms.group();
            if (!form.contains("name=\"job\" value=\"" + jobId + "\"")) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher inputs = Pattern.compile("<(?:input|select)[^>]*name=\"([^\"]+)\"(?:[^>]*value=\"([^\"]*)\")?")
                    .matcher(form);
            while (inputs.find()) {
                fields.put(inputs.group(1), inputs.group(2) == null ? "" : inputs.group(2));
            }
            return fields;
        }
        throw new AssertionError("No what-if form for " + jobId + " on the page");
    }

    private static String action(String html) {
        Matcher m = Pattern.compile("<form class=\"whatif\" method=\"get\" action=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String query(Map<String, String> fields) {
        List<String> parts = new ArrayList<>();
        fields.forEach((k, v) -> parts.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return String.join("&", parts);
    }
}
