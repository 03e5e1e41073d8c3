package io.greenwindow.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.ledger.SampleLedger;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReportPageTest {

    private Database db;
    private Javalin app;

    @BeforeEach
    void start() {
        db = TestDatabases.h2();
        var ledger = SampleLedger.populate(db);
        app = Javalin.create(config -> ReportPage.register(config.routes, ledger)).start(0);
    }

    @AfterEach
    void stop() {
        app.stop();
        db.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void reports_teamMonth_isOneSelfContainedPageWithCharts() throws Exception {
        HttpResponse<String> response = get("/reports?team=vision&month=2026-11");

        assertThat(response.statusCode()).isEqualTo(200);
        String html = response.body();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("Carbon report: team vision, November 2026");
        assertThat(html.split("<svg", -1)).hasSize(4);
        assertThat(html).doesNotContain("<script").doesNotContain("http://cdn").doesNotContain("https://");
        // Job names are escaped, figures and their methods shown, avoided kept apart from emitted.
        assertThat(html).contains("mnist-mlp, a classifier").contains("measured (NVML) + estimated (model)")
                .contains("216 gCO2e").contains("Avoided by waiting for greener hours").contains("264 gCO2e")
                .contains("3.65 kgCO2e").contains("21.6% used of 1.00 kgCO2e; from ledger settings")
                .contains("Method and boundary").contains("Response lengths side by side")
                // 365,000 requests x 4,625 J x 1.2 at 60 g/kWh = 33.8 kg (the published energy per answer).
                .contains("reasoning-length answers (6,988 tokens, 4,625 J each as published): 33.8 kgCO2e");
    }

    @Test
    void reports_badMonth_answers400WithTheReason() throws Exception {
        HttpResponse<String> response = get("/reports?team=vision&month=November");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("month: 'November' is not a month like 2026-11");
    }

    @Test
    void templates_escapeMarkupInTextAndAttributes() {
        // The engine's escaper: in text < > & are escaped (quotes are harmless there); in an attribute quotes too.
        assertThat(SignInPage.refusal("<b>\"x\" & 'y'</b>")).contains("<p class=\"error\" id=\"error\">&lt;b&gt;\"x\" &amp; 'y'&lt;/b&gt;</p>")
                .doesNotContain("<b>");
        assertThat(SignInPage.form("/jobs\"><script>", null)).contains("value=\"/jobs&#34;>&lt;script>\"").doesNotContain("<script>");
    }
}
