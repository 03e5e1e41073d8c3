package io.greenwindow.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.service.NodeLimits;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 with a real service and the real CLI in its own JVM: `job --follow` and `submit --wait` keep waiting
 * through a service restart; `submit --wait` of a job that trains exits 0 with its final line and ledger entry;
 * its progress reaches 100% and its trainer's output is readable with `logs`.
 */
class FollowAndWaitTest {

    private static final Path EXAMPLES = Path.of("training-configs").toAbsolutePath();
    private static final Path IRIS = EXAMPLES.resolve("iris-classifier.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private final SettableClock clock = new SettableClock();
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopClis() {
        started.forEach(Process::destroyForcibly);
    }

    private ServerConfig config(int port) {
        return new ServerConfig(port, data, null, "", "", false, "test-node", "DE", null, NodeLimits.defaults(),
                null, Duration.ofHours(1), Duration.ofMinutes(2));
    }

    @Test
    void followAndWait_throughAServiceRestart_keepPollingAndEndWithTheJob() throws Exception {
        // At this instant the shipped DE trace makes a PT48H iris job wait for a later window (the end-to-end test's
        // restart_keepsTheHeldJobAndItsTrigger relies on the same).
        clock.set(Instant.parse("2026-03-02T06:00:00Z"));
        int port = freePort();
        String url = "http://localhost:" + port;
        String held;
        Cli follow;
        Cli waiting;
        String token;
        try (Greenwindow first = Greenwindow.start(config(port), clock)) {
            token = Files.readString(data.resolve("admin-token")).trim();
            held = first.jobs().submit(Files.readString(IRIS), "iris-classifier.yaml", EXAMPLES, "PT48H").id();
            follow = cli("job", held, "--follow", "--server", url, "--token", token);
            waiting = cli("submit", IRIS.toString(), "--deadline", "PT48H", "--wait", "--server", url, "--token", token);
            follow.await("following");
            waiting.await("waiting for job ");
        }
        follow.await("service unreachable");
        waiting.await("service unreachable");
        String waitId = waiting.out().split("waiting for job ")[1].split(" ")[0];
        try (Greenwindow second = Greenwindow.start(config(port), clock)) {
            follow.await("service answering again");
            waiting.await("service answering again");
            second.jobs().cancel(held);
            second.jobs().cancel(waitId);

            assertThat(follow.exit()).as(follow.out()).isZero();
            assertThat(follow.out()).contains("CANCELLED").contains("job " + held + " CANCELLED: cancelled at");
            assertThat(waiting.exit()).as("a cancelled job is not a success: " + waiting.out()).isEqualTo(1);
            assertThat(waiting.out()).contains("job " + waitId + " CANCELLED: ").contains("ledger    ");
        }
    }

    @Test
    void submitWait_aJobThatTrains_exitsZeroWithItsLedgerEntry_progressAtAHundredPercent_andItsLogs()
            throws Exception {
        clock.set(Instant.parse("2026-03-02T06:00:00Z"));
        int port = freePort();
        String url = "http://localhost:" + port;
        try (Greenwindow service = Greenwindow.start(config(port), clock)) {
            String token = Files.readString(data.resolve("admin-token")).trim();
            // PT10M is before the 20 min estimate: the job runs at once, late, as --allow-late accepts.
            Cli run = cli("submit", IRIS.toString(), "--deadline", "PT10M", "--allow-late", "--wait", "--server", url,
                    "--token", token);
            assertThat(run.exit()).as(run.out()).isZero();
            String id = run.out().substring("job ".length(), run.out().indexOf(' ', "job ".length()));
            assertThat(run.out()).contains("job " + id + " COMPLETED: ").contains("result    40 epochs")
                    .contains("ledger    entry #");

            JsonNode job = JSON.readTree(get(url + "/api/jobs/" + id, token).body());
            assertThat(job.path("progress").path("percent").asText()).isEqualTo("100%");
            assertThat(job.path("progress").path("epochsDone").asInt()).isEqualTo(40);
            // iris: 150 examples a pass, 40 passes
            assertThat(job.path("progress").path("examplesSeen").asLong()).isEqualTo(6000);

            GreenwindowEndToEndTest.CliRun shown = GreenwindowEndToEndTest.cli("job", id, "--server", url, "--token",
                    token);
            assertThat(shown.out()).contains("progress  epoch 40/40, 100%, ");
            GreenwindowEndToEndTest.CliRun jobs = GreenwindowEndToEndTest.cli("jobs", "--server", url, "--token",
                    token);
            assertThat(jobs.out()).contains("DONE").containsPattern(id + " .* COMPLETED +100% ");

            HttpResponse<String> page = get(url + "/jobs/" + id, token);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<section id=\"forecast\">").contains("<polyline class=\"loss-curve\"")
                    .contains("COMPLETED").contains("examples seen (0 to 6000)");
            String points = page.body().split("class=\"loss-curve\"")[1].split("points=\"")[1].split("\"")[0];
            assertThat(points.split(" ").length).as("a loss point per report, at least the first and last")
                    .isGreaterThanOrEqualTo(2);
            assertThat(get(url + "/jobs/" + id, null).statusCode()).as("signed out: to the sign-in page")
                    .isEqualTo(303);

            GreenwindowEndToEndTest.CliRun logs = GreenwindowEndToEndTest.cli("logs", id, "--segment", "1",
                    "--server", url, "--token", token);
            assertThat(logs.code()).as(logs.err()).isZero();
            assertThat(logs.err()).contains("segment 1 of 1");
            assertThat(logs.out()).contains("progress: epoch 1/40, batch 0/").contains("progress: epoch 40/40, 100%");
            GreenwindowEndToEndTest.CliRun followed = GreenwindowEndToEndTest.cli("logs", id, "--follow",
                    "--server", url, "--token", token);
            assertThat(followed.code()).as(followed.err()).isZero();
            assertThat(followed.out()).startsWith("--- segment 1 ---").contains(logs.out().strip());
            GreenwindowEndToEndTest.CliRun none = GreenwindowEndToEndTest.cli("logs", id, "--segment", "2",
                    "--server", url, "--token", token);
            assertThat(none.code()).isEqualTo(1);
            assertThat(none.err()).contains("segment 2 has not run: job " + id + " has run 1 segment(s)");
            assertThat(get(url + "/api/jobs/" + id + "/logs?segment=x", token).statusCode()).isEqualTo(400);
            assertThat(get(url + "/api/jobs/" + id + "/logs", null).statusCode()).isEqualTo(401);
        }
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A CLI in its own JVM, its stdout and stderr together in one file that the test reads as it grows. */
    private record Cli(Process process, Path file) {

        String out() throws IOException {
            return Files.readString(file);
        }

        /** Waits (bounded) until the output holds {@code text}. */
        void await(String text) throws Exception {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!out().contains(text) && System.nanoTime() < until && process.isAlive()) {
                Thread.sleep(100);
            }
            assertThat(out()).as("CLI output waiting for '%s'", text).contains(text);
        }

        int exit() throws Exception {
            assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("the CLI ends: " + out()).isTrue();
            return process.exitValue();
        }
    }

    private Cli cli(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.greenwindow.cli.Main"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(data, "cli", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().remove("GREENWINDOW_TOKEN");
        pb.environment().remove("GREENWINDOW_SERVER");
        Process p = pb.start();
        started.add(p);
        return new Cli(p, out);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
