package io.greenwindow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.greenwindow.access.AdminTokenFile;
import io.greenwindow.server.Greenwindow;
import io.greenwindow.server.ServerConfig;
import io.greenwindow.server.SettableClock;
import io.greenwindow.service.NodeLimits;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /api/openapi.json against the running server: every route it has is documented (greenwindow's own in this
 * document, the Carbon Aware SDK's in its swagger.yaml), every documented route exists, and a real call of each
 * route answers a documented status with a body that the documented schema accepts, checked by a JSON Schema
 * 2020-12 validator (networknt), not by hand.
 */
class OpenApiDocumentTest {

    private static final String DOCUMENT = "https://greenwindow.test/api/openapi.json";

    @TempDir
    static Path data;

    static Greenwindow service;
    static ApiCaller admin;
    static JsonNode document;
    static JsonSchemaFactory schemas;
    static String finishedJob;

    @BeforeAll
    static void start() throws Exception {
        SettableClock clock = new SettableClock();
        clock.set(Instant.parse("2026-03-02T06:00:00Z"));
        ServerConfig config = new ServerConfig(0, data, null, "", "", false, "test-node", "DE", null,
                NodeLimits.defaults(), null, Duration.ofHours(1), Duration.ofMinutes(2));
        service = Greenwindow.start(config, clock, AccessConfig.DEFAULTS.withRate(100_000, 100_000));
        admin = new ApiCaller(service.port(), AdminTokenFile.read(data.resolve("admin-token")));
        HttpResponse<String> served = new ApiCaller(service.port(), null).get("/api/openapi.json");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        document = ApiCaller.JSON.readTree(served.body());
        String text = served.body();
        schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                b -> b.schemaLoaders(l -> l.schemas(Map.of(DOCUMENT, text))));
        finishedJob = FinishedJob.run(admin);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void document_isOpenApi31_withTheErrorShape() {
        assertThat(document.path("openapi").asText()).startsWith("3.1.");
        assertThat(document.path("info").path("title").asText()).isNotBlank();
        JsonNode error = document.path("components").path("schemas").path("Error");
        assertThat(error.path("required").toString()).contains("error");
        // Every operation says what it answers, and every error status it lists has the error shape.
        forEachOperation((route, op) -> {
            assertThat(op.path("responses").size()).as(route).isPositive();
            op.path("responses").fields().forEachRemaining(r -> {
                if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                    assertThat(resolved(r.getValue()).path("content").toString()).as(route + " " + r.getKey())
                            .contains("#/components/schemas/Error");
                }
            });
        });
    }

    @Test
    void everyRouteOfTheServer_isDocumented_andEveryDocumentedRouteExists() throws Exception {
        Set<String> served = service.routes().stream().filter(r -> !r.startsWith("HEAD ") && !r.startsWith("OPTIONS "))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = new TreeSet<>();
        forEachOperation((route, op) -> documented.add(route));
        Set<String> sdk = new TreeSet<>();
        try (InputStream in = getClass().getResourceAsStream("/carbon-aware/swagger.yaml")) {
            JsonNode swagger = new ObjectMapper(new YAMLFactory()).readTree(in);
            swagger.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                    .forEachRemaining(m -> sdk.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
        }
        sdk.add("GET /api/v1/swagger.yaml"); // the SDK's document itself

        Set<String> undocumented = new TreeSet<>(served);
        undocumented.removeAll(documented);
        undocumented.removeAll(sdk);
        assertThat(undocumented).as("routes the server has that neither document describes").isEmpty();
        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(served);
        assertThat(missing).as("documented routes the server does not have").isEmpty();
        assertThat(documented).as("the SDK's routes are the SDK document's, not ours").doesNotContainAnyElementsOf(sdk);
    }

    @Test
    void aRealCallOfEveryDocumentedRoute_answersAsDocumented() throws Exception {
        List<String> wrong = new ArrayList<>();
        List<String> routes = new ArrayList<>();
        forEachOperation((route, op) -> routes.add(route));
        Path samples = Files.createDirectories(Path.of("target/openapi-samples"));
        for (String route : routes) {
            String job = route.contains("cancel") || route.startsWith("DELETE") ? heldJob() : finishedJob;
            HttpResponse<String> r = route.equals("POST /signin")
                    ? admin.send("POST", "/signin", "application/x-www-form-urlencoded", "token=" + admin.token + "&next=/jobs")
                    : RoleMatrixTest.call(admin, route, job, RoleMatrixTest.Caller.ADMIN);
            Files.writeString(samples.resolve(route.replaceAll("[^A-Za-z0-9]+", "_") + ".txt"),
                    r.statusCode() + " " + r.headers().firstValue("Content-Type").orElse("") + "\n" + r.body());
            String problem = judge(route, r);
            if (problem != null) {
                wrong.add(problem);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void errors_answerTheDocumentedErrorShape() throws Exception {
        ApiCaller anonymous = new ApiCaller(service.port(), null);
        List<String> wrong = new ArrayList<>();
        add(wrong, judge("GET /api/jobs/{id}", admin.get("/api/jobs/no-such-job")));
        add(wrong, judge("GET /api/jobs", anonymous.get("/api/jobs")));
        add(wrong, judge("POST /api/jobs", admin.postJson("/api/jobs", Map.of("yaml", "name: x\n"))));
        add(wrong, judge("GET /api/forecast", admin.get("/api/forecast?zone=NOWHERE")));
        add(wrong, judge("POST /api/tokens", admin.postJson("/api/tokens", Map.of("name", "x", "role", "king"))));
        add(wrong, judge("GET /api/ledger", admin.get("/api/ledger?from=yesterday")));
        add(wrong, judge("PUT /api/policies/{name}", admin.send("PUT", "/api/policies/default", "application/json",
                "{\"maxDelay\": \"soon\"}")));
        HttpResponse<String> badDelay = admin.send("PUT", "/api/policies/default", "application/json",
                "{\"maxDelay\": \"soon\"}");
        assertThat(badDelay.statusCode()).isEqualTo(400);
        assertThat(ApiCaller.json(badDelay).path("error").asText())
                .isEqualTo("Bad policy field 'maxDelay': \"soon\" is not an ISO-8601 duration such as PT12H");
        assertThat(wrong).isEmpty();
    }

    private static void add(List<String> wrong, String problem) {
        if (problem != null) {
            wrong.add(problem);
        }
    }

    /** Null when {@code r} is a documented answer of {@code route} whose body its schema accepts; else what is wrong. */
    private static String judge(String route, HttpResponse<String> r) throws Exception {
        String where = route + " answered " + r.statusCode() + " " + abbreviate(r.body());
        JsonNode op = operation(route);
        String status = Integer.toString(r.statusCode());
        JsonNode response = op.path("responses").path(status);
        if (response.isMissingNode()) {
            return "undocumented status: " + where;
        }
        String responsePointer = "/paths/" + escape(path(route)) + "/" + method(route) + "/responses/" + status;
        if (response.has("$ref")) {
            responsePointer = response.path("$ref").asText().substring(1);
            response = resolved(response);
        }
        String type = r.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return r.body().isEmpty() || r.statusCode() == 303 ? null : "a body where none is documented: " + where;
        }
        if (!content.has(type)) {
            return "undocumented content type " + type + " (documented " + names(content) + "): " + where;
        }
        if (!type.equals("application/json")) {
            return null;
        }
        String pointer = responsePointer + "/content/" + escape("application/json") + "/schema";
        JsonSchema schema = schemas.getSchema(SchemaLocation.of(DOCUMENT + "#" + pointer));
        Set<ValidationMessage> errors = schema.validate(ApiCaller.JSON.readTree(r.body()));
        return errors.isEmpty() ? null : "body does not match its schema " + errors + ": " + where;
    }

    /** A response object, or the one its {@code $ref} points to. */
    private static JsonNode resolved(JsonNode response) {
        return response.has("$ref") ? document.at(response.path("$ref").asText().substring(1)) : response;
    }

    private static String heldJob() throws Exception {
        HttpResponse<String> r = admin.postJson("/api/jobs", Map.of("yaml", RoleMatrixTest.visionYaml(),
                "source", "iris-classifier.yaml", "specDir", RoleMatrixTest.EXAMPLES.toString(), "deadline", "PT48H"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ApiCaller.json(r).path("id").asText();
    }

    private static JsonNode operation(String route) {
        return document.path("paths").path(path(route)).path(method(route));
    }

    private interface OperationVisitor {
        void visit(String route, JsonNode operation);
    }

    private static void forEachOperation(OperationVisitor visitor) {
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            p.getValue().fields().forEachRemaining(m -> {
                if (Set.of("get", "put", "post", "delete", "patch").contains(m.getKey())) {
                    visitor.visit(m.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey(), m.getValue());
                }
            });
        }
    }

    private static String path(String route) {
        return route.substring(route.indexOf(' ') + 1);
    }

    private static String method(String route) {
        return route.substring(0, route.indexOf(' ')).toLowerCase(Locale.ROOT);
    }

    /** A JSON pointer token (RFC 6901). */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String names(JsonNode node) {
        List<String> n = new ArrayList<>();
        node.fieldNames().forEachRemaining(n::add);
        return n.toString();
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
