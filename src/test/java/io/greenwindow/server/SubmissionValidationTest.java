package io.greenwindow.server;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's reproductions 1-3 and issue 9's file-read probes over real HTTP on the embedded default: each is
 * refused with a 400 naming its field, nothing is stored, and the service starts again on the same data folder.
 * (Before the bounds, PT0.5S was stored as a SUBMITTED job of PT0S that stopped every later start, and a deadline
 * in year +999999999 was stored as year -169108099.)
 */
class SubmissionValidationTest {

    static final Path EXAMPLES = Path.of("training-configs").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private final SettableClock clock = new SettableClock();

    private ServerConfig config() {
        return new ServerConfig(0, data, null, "", "", false, "test-node", "DE", null, NodeLimits.defaults(),
                null, Duration.ofHours(1), Duration.ofMinutes(2));
    }

    @Test
    void submit_outOfBoundsAndProbes_refusedNamingTheFieldStoringNothing_andTheServiceRestarts() throws Exception {
        clock.set(Instant.parse("2026-03-02T06:00:00Z"));
        String iris = Files.readString(EXAMPLES.resolve("iris-classifier.yaml"));
        Map<String, UnaryOperator<String>> cases = new LinkedHashMap<>();
        cases.put("schedule.estimatedDuration: must be from PT1M", y -> y.replace("estimatedDuration: PT20M",
                "estimatedDuration: PT0.5S").replace("deadline: PT8H", "deadline: P2D"));
        cases.put("schedule.estimatedDuration: must be from PT1M to PT168H, got PT2562047788015215H",
                y -> y.replace("estimatedDuration: PT20M", "estimatedDuration: PT2562047788015215H"));
        cases.put("schedule.deadline: must be at most PT720H from now", y -> y.replace("deadline: PT8H",
                "deadline: '+999999999-12-31T23:59:59Z'"));
        cases.put("team: must be 1-64 letters", y -> y.replace("team: research", "team: " + "t".repeat(65)));
        cases.put("schedule.zones: must list at most 16 zones, got 200", y -> y.replace("zones: [DE]", "zones: ["
                + IntStream.range(0, 200).mapToObj(i -> "Z" + i).collect(Collectors.joining(", ")) + "]"));
        cases.put("training.epochs: must be from 1 to 10000, got 2147483647",
                y -> y.replace("epochs: 40", "epochs: 2147483647"));
        cases.put("data.path: /proc/self/environ is outside the allowed roots",
                y -> y.replace("path: datasets/iris.csv", "path: /proc/self/environ"));
        cases.put("data.path: /etc/shadow is outside the allowed roots",
                y -> y.replace("path: datasets/iris.csv", "path: /etc/shadow"));
        cases.put("data.path: /etc/passwd is outside the allowed roots",
                y -> y.replace("path: datasets/iris.csv", "path: ../../../../../../../../etc/passwd"));
        cases.put("name: must be 1-64 letters", y -> y.replace("name: iris-classifier", "name: \"iris\\e[2J\""));

        try (Greenwindow service = Greenwindow.start(config(), clock)) {
            String url = "http://localhost:" + service.port() + "/api/jobs";
            HttpClient http = HttpClient.newHttpClient();
            bearer = "Bearer " + Files.readString(data.resolve("admin-token")).trim();
            for (var c : cases.entrySet()) {
                HttpResponse<String> reply = submit(http, url, c.getValue().apply(iris), EXAMPLES.toString());
                assertThat(reply.statusCode()).as(c.getKey() + ": " + reply.body()).isEqualTo(400);
                assertThat(reply.body()).as(c.getKey()).contains(c.getKey()).doesNotContain("\u001b");
            }
            HttpResponse<String> rootDir = submit(http, url, iris, "/");
            assertThat(rootDir.statusCode()).isEqualTo(400);
            assertThat(rootDir.body()).contains("specDir: / is outside the allowed roots");
            String fineTune = Files.readString(EXAMPLES.resolve("iris-fine-tune.yaml"))
                    .replace("base: latest:iris-classifier", "base: 'job:../../../../..'");
            HttpResponse<String> traversal = submit(http, url, fineTune, EXAMPLES.toString());
            assertThat(traversal.statusCode()).isEqualTo(400);
            assertThat(traversal.body()).contains("model.base: job:<id> needs a job id of 1-64 letters");

            for (String limit : List.of("-1", "0", "1001", "99999999999", "ten")) {
                HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(url + "?limit=" + limit))
                        .header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(list.statusCode()).as(limit).isEqualTo(400);
                assertThat(list.body()).as(limit).contains("limit").contains("must be");
            }

            assertThat(service.jobs().list(100)).as("nothing stored").isEmpty();
        }
        try (Greenwindow restarted = Greenwindow.start(config(), clock)) {
            assertThat(restarted.jobs().list(100)).isEmpty();
            // and it still takes a valid spec
            assertThat(restarted.jobs().submit(iris, "iris-classifier.yaml", EXAMPLES, "P2D").name())
                    .isEqualTo("iris-classifier");
        }
    }

    private static String bearer;

    private static HttpResponse<String> submit(HttpClient http, String url, String yaml, String specDir)
            throws Exception {
        String body = JSON.writeValueAsString(Map.of("yaml", yaml, "source", "probe.yaml", "specDir", specDir));
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", bearer)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
