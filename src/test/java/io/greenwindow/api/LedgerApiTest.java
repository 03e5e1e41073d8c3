package io.greenwindow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.ledger.Ledger;
import io.greenwindow.ledger.LedgerEntry;
import io.greenwindow.ledger.LedgerJson;
import io.greenwindow.ledger.LedgerQuery;
import io.greenwindow.ledger.SampleLedger;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ledger API on a real Javalin server, called by a real HTTP client. */
class LedgerApiTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private Database db;
    private Ledger ledger;
    private Javalin app;

    @BeforeEach
    void start() {
        db = TestDatabases.h2();
        ledger = SampleLedger.populate(db);
        app = Javalin.create(config -> LedgerApi.register(config.routes, ledger)).start(0);
    }

    @AfterEach
    void stop() {
        app.stop();
        db.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(method.equals("GET") ? "" : "{\"team\":\"x\"}"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void getLedger_byTeam_returnsThatTeamsEntriesAsJson() throws Exception {
        HttpResponse<String> response = send("GET", "/api/ledger?team=vision");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        List<LedgerEntry> entries = LedgerJson.mapper().readValue(response.body(), new TypeReference<>() { });
        assertThat(entries).extracting(e -> e.content().jobId()).containsExactly("job-1", "job-1", "job-2");
        assertThat(entries).isEqualTo(ledger.entries(new LedgerQuery("vision", null, null)));
    }

    @Test
    void getLedger_fromTo_filtersByRunEnd() throws Exception {
        HttpResponse<String> response = send("GET", "/api/ledger?from=2026-11-02T01:00:00Z&to=2026-11-03");

        List<LedgerEntry> entries = LedgerJson.mapper().readValue(response.body(), new TypeReference<>() { });
        assertThat(entries).extracting(e -> e.content().jobId()).containsExactly("job-1", "job-1", "job-2");
    }

    @Test
    void getLedger_codecarbonFormat_returnsCsvWithCodeCarbonsHeader() throws Exception {
        HttpResponse<String> response = send("GET", "/api/ledger?format=codecarbon");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(response.body()).startsWith("timestamp,project_name,run_id,experiment_id,duration,emissions,");
        // job-2 waits for history: CodeCarbon has no row without emissions, so only the extended format shows it.
        assertThat(response.body().lines()).hasSize(3);
        assertThat(response.headers().firstValue("X-Ledger-Head")).hasValue(ledger.verify().headSeq() + ":"
                + ledger.verify().headHash());
        assertThat(send("GET", "/api/ledger?format=codecarbon-extended").body().lines()).hasSize(4);
    }

    @Test
    void getVerify_untouchedLedger_isIntact() throws Exception {
        JsonNode body = LedgerJson.mapper().readTree(send("GET", "/api/ledger/verify").body());

        assertThat(body.path("intact").asBoolean()).isTrue();
        assertThat(body.path("entriesChecked").asLong()).isEqualTo(4);
        assertThat(body.path("summary").asText()).startsWith("Ledger intact");
    }

    @Test
    void getMonthly_visionNovember_givesTotals() throws Exception {
        JsonNode body = LedgerJson.mapper().readTree(send("GET", "/api/reports/monthly?team=vision&month=2026-11").body());

        assertThat(body.path("jobs").asInt()).isEqualTo(2);
        assertThat(body.path("inventoryG").asDouble()).isEqualTo(216.0, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void getLedger_badParameters_answer400NamingTheParameter() throws Exception {
        HttpResponse<String> badDate = send("GET", "/api/ledger?from=yesterday");
        HttpResponse<String> badFormat = send("GET", "/api/ledger?format=xml");
        HttpResponse<String> badMonth = send("GET", "/api/reports/monthly?team=vision&month=11-2026");
        HttpResponse<String> noTeam = send("GET", "/api/reports/monthly?month=2026-11");

        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(LedgerJson.mapper().readTree(badDate.body()).path("error").asText()).startsWith("from: 'yesterday'");
        assertThat(badFormat.statusCode()).isEqualTo(400);
        assertThat(badFormat.body()).contains("format: 'xml'");
        assertThat(badMonth.statusCode()).isEqualTo(400);
        assertThat(badMonth.body()).contains("month: '11-2026'");
        assertThat(noTeam.statusCode()).isEqualTo(400);
        assertThat(noTeam.body()).contains("team: required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
    void writeMethods_onLedgerPaths_doNotExistAndChangeNothing(String method) throws Exception {
        String before = ledger.verify().headHash();

        for (String path : List.of("/api/ledger", "/api/ledger/1", "/api/ledger/verify", "/api/reports/monthly")) {
            assertThat(send(method, path).statusCode()).as(method + " " + path).isIn(404, 405);
        }
        assertThat(ledger.verify().headHash()).isEqualTo(before);
        assertThat(ledger.entries(LedgerQuery.ALL)).hasSize(4);
    }
}
