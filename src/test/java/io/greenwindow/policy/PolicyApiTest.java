package io.greenwindow.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.api.PolicyApi;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The policy API against a real server and client. */
class PolicyApiTest {

    private final InMemoryPolicyStore store = new InMemoryPolicyStore(Clock.fixed(Instant.parse("2026-03-02T00:00:00Z"), ZoneOffset.UTC));
    private final HttpClient client = HttpClient.newHttpClient();
    private Javalin app;

    @BeforeEach
    void start() {
        app = Javalin.create(config -> PolicyApi.register(config.routes, store)).start(0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path));
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void put_partialRules_publishesTheNextVersionWithDefaultsForTheRest() throws Exception {
        HttpResponse<String> first = send("PUT", "/api/policies/default", "{\"absoluteThresholdGPerKwh\": 90, \"maxDelay\": \"PT12H\"}");
        HttpResponse<String> second = send("POST", "/api/policies/default", "{\"absoluteThresholdGPerKwh\": 70}");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains("\"version\":2").contains("\"absoluteThresholdGPerKwh\":70.0");
        assertThat(store.history("default")).hasSize(2);
        assertThat(store.current("default").orElseThrow().rules().maxPauses()).isEqualTo(PolicyRules.DEFAULT_MAX_PAUSES);
        assertThat(send("GET", "/api/policies/default/versions", null).body()).contains("\"PT12H\"");
    }

    @Test
    void put_minSavingToHold_isStoredShownAndChecked() throws Exception {
        HttpResponse<String> put = send("PUT", "/api/policies/default", "{\"minSavingToHold\": 0.05}");
        HttpResponse<String> bad = send("PUT", "/api/policies/default", "{\"minSavingToHold\": 1.5}");

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(store.current("default").orElseThrow().rules().minSavingToHold()).isEqualTo(0.05);
        assertThat(send("GET", "/api/policies/default", null).body()).contains("\"minSavingToHold\":0.05");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("minSavingToHold: must be within [0, 1), got 1.5");
        assertThat(store.history("default")).hasSize(1);
    }

    @Test
    void get_nothingStored_showsTheBuiltInDefault() throws Exception {
        HttpResponse<String> all = send("GET", "/api/policies", null);

        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains("\"name\":\"default\"").contains("\"version\":0");
        assertThat(send("GET", "/api/policies/vision", null).statusCode()).isEqualTo(404);
    }

    @Test
    void put_badRules_answers400NamingTheFieldOrPosition() throws Exception {
        HttpResponse<String> unknown = send("PUT", "/api/policies/default", "{\"treshold\": 90}");
        HttpResponse<String> negative = send("PUT", "/api/policies/default", "{\"maxPauses\": -1}");
        HttpResponse<String> broken = send("PUT", "/api/policies/default", "{\n \"maxPauses\": }");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("Unknown policy field 'treshold'");
        assertThat(negative.body()).contains("maxPauses -1 must be >= 0");
        assertThat(broken.body()).contains("not valid JSON at line 2, column");
        assertThat(store.currentAll()).isEmpty();
    }
}
