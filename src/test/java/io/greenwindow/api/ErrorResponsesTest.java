package io.greenwindow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.job.JdbcJobRepository;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.job.spec.InvalidSpecException;
import io.greenwindow.job.spec.JobKind;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one error layer on a real Javalin server and a real H2: real database failures answer 500 with a reference
 * and nothing of the database in the body, while the log has the detail under that reference.
 */
class ErrorResponsesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Database db;
    private JdbcJobRepository jobs;
    private Javalin app;

    @BeforeEach
    void start() {
        db = TestDatabases.h2();
        jobs = new JdbcJobRepository(db);
        app = Javalin.create(config -> {
            ErrorResponses.register(config.routes);
            // A team of 200 characters reaching the database (its column holds 64): H2 refuses the INSERT.
            config.routes.post("/long-team", ctx -> jobs.insert(job("x".repeat(200))));
            config.routes.get("/jobs", ctx -> ctx.json(jobs.list(10)));
            config.routes.post("/spec", ctx -> {
                throw new InvalidSpecException("a.yaml", List.of("epochs: must be at least 1"));
            });
            config.routes.get("/leaky", ctx -> {
                throw new IllegalArgumentException("No enum constant io.greenwindow.job.JobState.NOPE");
            });
            config.routes.get("/missing", ctx -> jobs.get("nope"));
        }).start(0);
    }

    @AfterEach
    void stop() {
        app.stop();
        db.close();
    }

    @Test
    void databaseRefusesInsert_answers500WithReference_bodyHasNoSqlAndLogHasIt() throws Exception {
        Captured captured = captureErr(() -> send("POST", "/long-team"));

        assertThat(captured.response.statusCode()).isEqualTo(500);
        assertNothingInternal(captured.response.body());
        JsonNode body = JSON.readTree(captured.response.body());
        String reference = body.path("reference").asText();
        assertThat(reference).matches("[a-z0-9]{8}");
        assertThat(body.path("error").asText()).isEqualTo(
                "internal error, reference " + reference + " (the service log has the detail)");
        // The detail, with the SQL H2 refused, is in the log under the same reference.
        assertThat(captured.log).contains("reference " + reference).contains("INSERT");
    }

    @Test
    void closedDataSource_answers500WithReference_andNoClassName() throws Exception {
        db.close();

        HttpResponse<String> response = send("GET", "/jobs");

        assertThat(response.statusCode()).isEqualTo(500);
        assertNothingInternal(response.body());
        assertThat(JSON.readTree(response.body()).path("error").asText()).startsWith("internal error, reference ");
    }

    @Test
    void twoFailures_getDifferentReferences() throws Exception {
        String first = JSON.readTree(send("POST", "/long-team").body()).path("reference").asText();
        String second = JSON.readTree(send("POST", "/long-team").body()).path("reference").asText();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void expectedFailures_keepTheirStatusAndSentence() throws Exception {
        HttpResponse<String> spec = send("POST", "/spec");
        HttpResponse<String> missing = send("GET", "/missing");

        assertThat(spec.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(spec.body()).path("problems").get(0).asText()).isEqualTo("epochs: must be at least 1");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).path("error").asText()).contains("nope");
    }

    @Test
    void userErrorWhoseMessageNamesAClass_isAnsweredAsInternal() throws Exception {
        HttpResponse<String> response = send("GET", "/leaky");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("io.greenwindow").doesNotContain("JobState");
    }

    static void assertNothingInternal(String body) {
        assertThat(body).doesNotContain("INSERT").doesNotContain("Exception").doesNotContain("org.h2")
                .doesNotContain("SQL").doesNotContain("\tat ").doesNotContain("hikari");
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private record Captured(HttpResponse<String> response, String log) {
    }

    @FunctionalInterface
    private interface Call {
        HttpResponse<String> run() throws Exception;
    }

    /** slf4j-simple writes to whatever System.err is at the time of each line. */
    private static Captured captureErr(Call call) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = call.run();
            return new Captured(response, bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    private static Job job(String team) {
        Instant at = Instant.parse("2026-11-02T10:00:00Z");
        return new Job("long-team", "iris", JobKind.TRAIN, team, JobState.SUBMITTED, "test", at,
                at.plus(Duration.ofHours(8)), Duration.ofMinutes(20), List.of("DE"), 0, true, 0, false, "iris.yaml",
                "name: iris\n", null, null, null, null, null, 0, null, null, null, at);
    }
}
