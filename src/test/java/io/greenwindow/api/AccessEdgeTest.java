package io.greenwindow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.greenwindow.access.AdminTokenFile;
import io.greenwindow.grid.SettableClock;
import io.greenwindow.server.Greenwindow;
import io.greenwindow.server.ServerConfig;
import io.greenwindow.service.NodeLimits;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The edge's other refusals and records, on a real server over real HTTP: expiry, revocation, limits, audit. */
class AccessEdgeTest {

    static final Path EXAMPLES = Path.of("training-configs").toAbsolutePath();

    @TempDir
    Path data;

    private final SettableClock clock = SettableClock.at("2026-03-02T06:00:00Z");
    private Greenwindow service;
    private ApiCaller admin;

    private void start(AccessConfig access) throws Exception {
        ServerConfig config = new ServerConfig(0, data, null, "", "", false, "test-node", "DE", null,
                NodeLimits.defaults(), null, Duration.ofHours(1), Duration.ofMinutes(2));
        service = Greenwindow.start(config, clock, access);
        admin = new ApiCaller(service.port(), AdminTokenFile.read(data.resolve("admin-token")));
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    private ApiCaller as(String token) {
        return new ApiCaller(service.port(), token);
    }

    private static Map<String, Object> visionJob() throws Exception {
        return Map.of("yaml", RoleMatrixTest.visionYaml(), "source", "iris-classifier.yaml",
                "specDir", EXAMPLES.toString(), "deadline", "PT48H");
    }

    @Test
    void expiredToken_getsA401SayingItExpired_untilThenItWorks() throws Exception {
        start(AccessConfig.DEFAULTS);
        HttpResponse<String> made = admin.postJson("/api/tokens", Map.of("name", "temp", "role", "sustainability",
                "expires", "PT1H"));
        assertThat(made.statusCode()).isEqualTo(201);
        ApiCaller temp = as(ApiCaller.json(made).path("token").asText());
        assertThat(ApiCaller.json(made).path("expiresAt").asText()).isEqualTo("2026-03-02T07:00:00Z");

        assertThat(temp.get("/api/jobs").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofHours(1));
        HttpResponse<String> late = temp.get("/api/jobs");

        assertThat(late.statusCode()).isEqualTo(401);
        assertThat(late.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(ApiCaller.json(late).path("error").asText()).isEqualTo("Token 'temp' expired at 2026-03-02T07:00:00Z");
    }

    @Test
    void revokedToken_getsA401SayingItWasRevoked_andTheListShowsWhoRevokedIt() throws Exception {
        start(AccessConfig.DEFAULTS);
        ApiCaller ella = as(admin.createToken("ella", "engineer", "vision"));
        assertThat(ella.get("/api/jobs").statusCode()).isEqualTo(200);

        assertThat(admin.postJson("/api/tokens/ella/revoke", Map.of()).statusCode()).isEqualTo(200);
        HttpResponse<String> after = ella.get("/api/jobs");

        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(ApiCaller.json(after).path("error").asText()).startsWith("Token 'ella' was revoked at 2026-03-02T06:00");
        JsonNode list = ApiCaller.json(admin.get("/api/tokens"));
        assertThat(list.toString()).doesNotContain(ella.token).doesNotContain("\"token\"");
        JsonNode row = null;
        for (JsonNode t : list) {
            if (t.path("name").asText().equals("ella")) {
                row = t;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.path("createdBy").asText()).isEqualTo("admin (admin)");
        assertThat(row.path("revokedBy").asText()).isEqualTo("admin (admin)");
    }

    @Test
    void unknownTokenAndWrongScheme_get401() throws Exception {
        start(AccessConfig.DEFAULTS);
        HttpResponse<String> unknown = as("gw_not-a-real-token").get("/api/jobs");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(ApiCaller.json(unknown).path("error").asText()).startsWith("Unknown token");

        HttpResponse<String> basic = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(admin.base + "/api/jobs")).header("Authorization", "Basic YWRtaW46YWRtaW4=")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(ApiCaller.json(basic).path("error").asText()).isEqualTo("The Authorization header must be 'Bearer TOKEN'");
    }

    @Test
    void bodyOverTheLimit_gets413AsJson() throws Exception {
        start(new AccessConfig(true, 1000, 600, 120, 200));
        HttpResponse<String> r = admin.send("POST", "/api/jobs", "application/json", "{\"yaml\": \"" + "x".repeat(2000) + "\"}");

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(ApiCaller.json(r).path("error").asText()).contains("1000 bytes");
    }

    @Test
    void chunkedBodyOverTheLimit_isCutOffWith413AsJson() throws Exception {
        start(new AccessConfig(true, 1000, 600, 120, 200));
        byte[] big = ("{\"yaml\": \"" + "x".repeat(5000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // From an input stream the client cannot know the length: the body goes chunked, without Content-Length.
        HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(admin.base + "/api/jobs")).header("Authorization", "Bearer " + admin.token)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).as(r.headers() + " " + r.body()).isEqualTo(413);
        assertThat(r.body()).as(r.headers().toString()).startsWith("{");
        assertThat(ApiCaller.json(r).path("error").asText()).contains("1000 bytes");
    }

    @Test
    void requestsPastTheRate_get429WithRetryAfter_andTheBucketRefillsWithTime() throws Exception {
        // 60 a minute is one a second; a burst of 3 lets three through at once, the fourth must wait one second.
        start(AccessConfig.DEFAULTS.withRate(60, 3));
        for (int i = 0; i < 3; i++) {
            assertThat(admin.get("/api/health").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> fourth = admin.get("/api/health");

        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(ApiCaller.json(fourth).path("error").asText()).contains("token 'admin'").contains("60 a minute");

        clock.advance(Duration.ofSeconds(1));
        assertThat(admin.get("/api/health").statusCode()).isEqualTo(200);
    }

    @Test
    void submissionPastTheTeamsHeldCap_isRefusedWithASentence() throws Exception {
        start(AccessConfig.DEFAULTS.withMaxHeldPerTeam(1));
        HttpResponse<String> first = admin.postJson("/api/jobs", visionJob());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(ApiCaller.json(first).path("state").asText()).isEqualTo("HELD");

        HttpResponse<String> second = admin.postJson("/api/jobs", visionJob());

        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(ApiCaller.json(second).path("error").asText())
                .isEqualTo("Team 'vision' already has 1 jobs waiting for their window, the most allowed "
                        + "(GREENWINDOW_MAX_HELD_PER_TEAM=1); cancel one or wait until one runs");
    }

    @Test
    void closedPublicGrid_asksAnonymousCallersForAToken() throws Exception {
        start(AccessConfig.DEFAULTS.withPublicGrid(false));
        assertThat(as(null).get("/emissions/bylocations?location=DE").statusCode()).isEqualTo(401);
        assertThat(as(null).get("/api/health").statusCode()).isEqualTo(200);
        assertThat(admin.get("/emissions/bylocations?location=DE").statusCode()).isNotIn(401, 403);
    }

    @Test
    void audit_jobsNameTheirSubmitterAndCanceller_andPolicyVersionsTheirAuthor() throws Exception {
        start(AccessConfig.DEFAULTS);
        ApiCaller ella = as(admin.createToken("ella", "engineer", "vision"));
        String id = ApiCaller.json(ella.postJson("/api/jobs", visionJob())).path("id").asText();

        assertThat(admin.postJson("/api/jobs/" + id + "/cancel", Map.of()).statusCode()).isEqualTo(200);
        JsonNode job = ApiCaller.json(ella.get("/api/jobs/" + id));

        assertThat(job.path("submittedBy").asText()).isEqualTo("ella (engineer)");
        assertThat(job.path("cancelledBy").asText()).isEqualTo("admin (admin)");
        assertThat(job.path("reason").asText()).isEqualTo("cancelled at 06:00 UTC by admin (admin)");

        assertThat(admin.send("PUT", "/api/policies/default", "application/json", "{\"maxDelay\": \"PT6H\"}").statusCode())
                .isEqualTo(200);
        JsonNode versions = ApiCaller.json(admin.get("/api/policies/default/versions"));
        assertThat(versions.get(0).path("author").asText()).isEqualTo("admin (admin)");
    }

    @Test
    void engineersLists_holdOnlyTheirTeamsJobs() throws Exception {
        start(AccessConfig.DEFAULTS);
        ApiCaller ella = as(admin.createToken("ella", "engineer", "vision"));
        ApiCaller otto = as(admin.createToken("otto", "engineer", "nlp"));
        ApiCaller sue = as(admin.createToken("sue", "sustainability"));
        String id = ApiCaller.json(ella.postJson("/api/jobs", visionJob())).path("id").asText();

        assertThat(ApiCaller.json(ella.get("/api/jobs")).findValuesAsText("id")).containsExactly(id);
        assertThat(ApiCaller.json(otto.get("/api/jobs")).findValuesAsText("id")).isEmpty();
        assertThat(ApiCaller.json(sue.get("/api/jobs")).findValuesAsText("id")).containsExactly(id);
        assertThat(otto.get("/api/jobs/" + id).statusCode()).isEqualTo(403);
    }

    @Test
    void browserSession_cookieIsHttpOnlyAndStrict_andItsWritesNeedTheCsrfSecretAndOurOrigin() throws Exception {
        start(AccessConfig.DEFAULTS);
        String ellaToken = admin.createToken("ella", "engineer", "vision");
        String id = ApiCaller.json(as(ellaToken).postJson("/api/jobs", visionJob())).path("id").asText();
        ApiCaller browser = as(null);

        HttpResponse<String> signIn = browser.send("POST", "/signin", "application/x-www-form-urlencoded",
                "token=" + ellaToken + "&next=/jobs");
        assertThat(signIn.statusCode()).isEqualTo(303);
        String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("gw_session=").contains("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .doesNotContain(ellaToken);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        assertThat(withCookie(browser, "POST", "/signin", "x=y", "http://evil.example", "token=" + ellaToken).statusCode())
                .as("login CSRF: another site posting a token").isEqualTo(403);
        assertThat(withCookie(browser, "POST", "/signin", cookie, browser.base, "token=" + ellaToken).statusCode())
                .as("signing in again from a signed-in browser").isEqualTo(303);

        HttpResponse<String> page = withCookie(browser, "GET", "/jobs", cookie, null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Signed in as <b>ella</b>").contains(id);
        String csrf = page.body().replaceFirst("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");

        assertThat(withCookie(browser, "POST", "/jobs/" + id + "/cancel", cookie, null, "").statusCode()).isEqualTo(403);
        assertThat(withCookie(browser, "POST", "/jobs/" + id + "/cancel", cookie, "http://evil.example",
                "csrf=" + csrf).statusCode()).isEqualTo(403);
        assertThat(ApiCaller.json(admin.get("/api/jobs/" + id)).path("state").asText()).isEqualTo("HELD");

        HttpResponse<String> cancel = withCookie(browser, "POST", "/jobs/" + id + "/cancel", cookie,
                browser.base, "csrf=" + csrf);
        assertThat(cancel.statusCode()).isEqualTo(303);
        JsonNode job = ApiCaller.json(admin.get("/api/jobs/" + id));
        assertThat(job.path("state").asText()).isEqualTo("CANCELLED");
        assertThat(job.path("cancelledBy").asText()).isEqualTo("ella (engineer)");
    }

    private static HttpResponse<String> withCookie(ApiCaller c, String method, String path, String cookie, String origin,
            String form) throws Exception {
        var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(c.base + path)).header("Cookie", cookie)
                .method(method, form == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(form));
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return java.net.http.HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
