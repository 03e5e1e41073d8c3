package io.greenwindow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.grid.SettableClock;
import io.greenwindow.server.Greenwindow;
import io.greenwindow.server.ServerConfig;
import io.greenwindow.service.NodeLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person in a real browser: opens the dashboard, is sent to the sign-in page, pastes an engineer's token, sees
 * the jobs page with their team's job, and cancels it with the page's own form (which carries the CSRF secret).
 * Skips only where Chromium is not installed (.ci/run installs it).
 */
class DashboardSignInBrowserTest {

    static final Path EXAMPLES = Path.of("training-configs").toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    @TempDir
    Path browserDir;

    @Test
    void signIn_seesTheJobsPage_andCancelsItsTeamsJob() throws Exception {
        assumeTrue(HeadlessChromium.available(), "no /usr/bin/chromium on this machine");
        ServerConfig config = new ServerConfig(0, data, null, "", "", false, "test-node", "DE", null,
                NodeLimits.defaults(), null, Duration.ofHours(1), Duration.ofMinutes(2));
        try (Greenwindow service = Greenwindow.start(config, SettableClock.at("2026-03-02T06:00:00Z"))) {
            String base = "http://localhost:" + service.port();
            String admin = Files.readString(data.resolve("admin-token")).trim();
            String ella = JSON.readTree(post(base + "/api/tokens", admin,
                    "{\"name\": \"ella\", \"role\": \"engineer\", \"teams\": [\"vision\"]}")).path("token").asText();
            String yaml = Files.readString(EXAMPLES.resolve("iris-classifier.yaml")).replace("team: research", "team: vision");
            String job = JSON.readTree(post(base + "/api/jobs", ella, JSON.createObjectNode().put("yaml", yaml)
                    .put("source", "iris-classifier.yaml").put("specDir", EXAMPLES.toString()).put("deadline", "PT48H")
                    .toString())).path("id").asText();

            try (HeadlessChromium browser = HeadlessChromium.launch(browserDir.resolve("profile"))) {
                browser.navigate(base + "/jobs");
                browser.awaitTrue("location.pathname === '/signin' && !!document.getElementById('token')", Duration.ofSeconds(30));

                browser.eval("document.getElementById('token').value = '" + ella + "'; "
                        + "document.getElementById('signin').click(); true");
                browser.awaitTrue("location.pathname === '/jobs' && document.body.innerText.includes('Signed in as ella')",
                        Duration.ofSeconds(30));

                assertThat(browser.eval("document.body.innerText")).contains(job).contains("engineer of vision");
                assertThat(browser.eval("document.cookie")).isEmpty(); // HttpOnly: the page's script cannot read it
                browser.eval("document.querySelector('button.cancel').click(); true");
                browser.awaitTrue("location.pathname === '/jobs' && document.body.innerText.includes('CANCELLED')",
                        Duration.ofSeconds(30));
            }

            JsonNode cancelled = JSON.readTree(get(base + "/api/jobs/" + job, admin));
            assertThat(cancelled.path("state").asText()).isEqualTo("CANCELLED");
            assertThat(cancelled.path("cancelledBy").asText()).isEqualTo("ella (engineer)");
        }
    }

    private static String post(String url, String token, String json) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return r.body();
    }

    private static String get(String url, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
