package io.greenwindow.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.service.NodeLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service with a provider that hangs (issue 10, point 6): the GB Carbon Intensity adapter pointed at a
 * MockWebServer that takes the request and never answers, first in DE's chain, the noise-free replay behind it.
 * Submission, the forecast route and the dashboard answer while the provider's refresh still hangs.
 */
class ProviderOutageServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of("training-configs").toAbsolutePath();
    /** Far inside the provider's two-minute hang, and generous for a loaded machine. */
    private static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    Path data;
    private final SettableClock clock = new SettableClock();
    private MockWebServer provider;

    @BeforeEach
    void startProvider() throws Exception {
        provider = new MockWebServer();
        provider.start();
    }

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    private Path adapters() throws Exception {
        Path dir = data.resolve("adapters");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("gb.yaml"), """
                name: gb
                kind: gb
                priority: 10
                baseUrl: %s
                zones:
                  DE: national
                options:
                  timeout: PT2M
                """.formatted(provider.url("/")));
        Files.writeString(dir.resolve("replay.yaml"), """
                name: replay
                kind: replay
                priority: 90
                zones:
                  DE: %s
                options:
                  noise: 0
                """.formatted(Path.of("grid-adapters/traces/DE_2023_hourly.csv").toAbsolutePath()));
        return dir;
    }

    @Test
    void submitForecastAndDashboard_whileTheProviderHangs_answerAndTheJobIsStored() throws Exception {
        clock.set(Instant.parse("2026-03-01T12:00:00Z"));
        provider.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        ServerConfig config = new ServerConfig(0, data, null, "", "", false, "test-node", "DE", null,
                NodeLimits.defaults(), adapters(), Duration.ofHours(1), Duration.ofMinutes(2));
        try (Greenwindow service = Greenwindow.start(config, clock)) {
            RecordedRequest hanging = provider.takeRequest(BOUND.toSeconds(), TimeUnit.SECONDS);
            assertThat(hanging).as("the background refresh asked the provider").isNotNull();
            assertThat(hanging.getUrl().encodedPath()).contains("/intensity/");

            String url = "http://localhost:" + service.port();
            String bearer = "Bearer " + Files.readString(data.resolve("admin-token")).trim();
            HttpClient http = HttpClient.newBuilder().connectTimeout(BOUND).build();
            String yaml = Files.readString(EXAMPLES.resolve("iris-classifier.yaml"));
            String body = JSON.createObjectNode().put("yaml", yaml).put("source", "iris-classifier.yaml")
                    .put("specDir", EXAMPLES.toString()).put("deadline", "P2D").toString();

            HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(URI.create(url + "/api/jobs"))
                    .timeout(BOUND).header("Authorization", bearer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> forecast = http.send(HttpRequest.newBuilder(URI.create(url + "/api/forecast?zone=DE&hours=6"))
                    .timeout(BOUND).header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> dashboard = http.send(HttpRequest.newBuilder(URI.create(url + "/"))
                    .timeout(BOUND).header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
            String id = JSON.readTree(submitted.body()).path("id").asText();
            assertThat(service.jobs().get(id).id()).as("the job is stored").isEqualTo(id);
            assertThat(forecast.statusCode()).as(forecast.body()).isEqualTo(200);
            JsonNode f = JSON.readTree(forecast.body());
            assertThat(f.path("adapter").asText()).isEqualTo("replay");
            assertThat(f.path("fallbacks").toString()).contains("gb: no forecast fetched yet for DE");
            assertThat(dashboard.statusCode()).isEqualTo(200);
            assertThat(service.grid().refreshing("gb")).as("the provider's refresh is still waiting").isTrue();
            assertThat(provider.getRequestCount()).isEqualTo(1);
            http.send(HttpRequest.newBuilder(URI.create(url + "/api/jobs/" + id + "/cancel")).timeout(BOUND).header("Authorization", bearer)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
