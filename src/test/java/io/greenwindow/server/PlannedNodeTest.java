package io.greenwindow.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.reason.Wording;
import io.greenwindow.service.NodeLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A waiting job's answer says where it will run: the plan names a zone, and the node is chosen at release (the
 * zone's smallest live node with the job's GPUs free), which the job detail API and the CLI's {@code job} say in
 * those words rather than naming a node the release may not take. Real server, API and CLI.
 */
class PlannedNodeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private final SettableClock clock = new SettableClock();

    @Test
    void heldJob_apiAndCli_sayTheNodeIsChosenAtRelease() throws Exception {
        clock.set(Instant.parse("2026-03-02T06:00:00Z"));
        ServerConfig config = new ServerConfig(0, data, null, "", "", false, "test-node", "DE", null,
                NodeLimits.defaults(), PerfectReplay.adapters(data), Duration.ofHours(1), Duration.ofMinutes(2));
        try (Greenwindow service = Greenwindow.start(config, clock)) {
            // A greener hour 01:00-22:00 than the one before it: a job due 20 h later waits for some such hour.
            String yaml = Files.readString(GreenwindowEndToEndTest.EXAMPLES.resolve("iris-classifier.yaml"))
                    .replace("interruptible: true", "interruptible: false");
            Job job = service.jobs().submit(yaml, "iris.yaml", GreenwindowEndToEndTest.EXAMPLES, "PT20H");
            assertThat(job.state()).as(job.reason()).isEqualTo(JobState.HELD);
            assertThat(job.plannedStart()).isAfter(clock.instant());

            String base = "http://localhost:" + service.port();
            String token = Files.readString(data.resolve("admin-token")).trim();
            HttpResponse<String> detail = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(base + "/api/jobs/" + job.id())).header("Authorization", "Bearer " + token).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode api = JSON.readTree(detail.body());
            assertThat(api.path("plannedNode").path("node").isNull()).isTrue();
            assertThat(api.path("plannedNode").path("decidedAt").asText()).isEqualTo("RELEASE");
            assertThat(api.path("plannedNode").path("note").asText())
                    .isEqualTo("chosen at release: a node of DE with a free job slot");
            GreenwindowEndToEndTest.CliRun cli = GreenwindowEndToEndTest.cli("job", job.id(), "--server", base,
                    "--token", token);
            assertThat(cli.code()).as(cli.err()).isZero();
            assertThat(cli.out()).contains("node      chosen at release: a node of DE with a free job slot");
        }
    }

    @Test
    void nodeAtRelease_forAGpuJob_namesTheGpusAndTheSmallestNode() {
        assertThat(Wording.nodeAtRelease("GB", 2))
                .isEqualTo("chosen at release: the smallest node of GB with a free job slot and 2 GPUs free");
        assertThat(Wording.nodeAtRelease("GB", 1))
                .isEqualTo("chosen at release: the smallest node of GB with a free job slot and 1 GPU free");
    }
}
