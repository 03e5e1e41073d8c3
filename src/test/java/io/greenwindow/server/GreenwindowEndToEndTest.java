package io.greenwindow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.cli.Main;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobEvent;
import io.greenwindow.job.JobState;
import io.greenwindow.ledger.LedgerEntry;
import io.greenwindow.ledger.LedgerQuery;
import io.greenwindow.service.NodeLimits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on the embedded default (H2 file, replay grid adapter over the shipped Electricity Maps trace,
 * local node), with a clock the test sets: submit, held with its reason, released by Quartz at the window,
 * trained in a child JVM, written to the ledger.
 */
class GreenwindowEndToEndTest {

    static final Path EXAMPLES = Path.of("training-configs").toAbsolutePath();

    @TempDir
    Path data;

    private final SettableClock clock = new SettableClock();

    private ServerConfig config(Path adapters) {
        return new ServerConfig(0, data, null, "", "", false, "test-node", "DE", null, NodeLimits.defaults(),
                adapters, Duration.ofHours(1), Duration.ofMinutes(2));
    }

    @Test
    void submit_heldForTheGreenerHour_releasedTrainedAndWrittenToLedger() throws Exception {
        clock.set(Instant.parse("2026-03-01T12:00:00Z"));
        try (Greenwindow service = Greenwindow.start(config(PerfectReplay.adapters(data)), clock)) {
            // An hour at least 10 g/kWh cleaner than the one before it.
            Instant hour = PerfectReplay.hour(service, (before, at) -> at < before - 10);
            clock.set(hour.minusSeconds(4));
            String yaml = Files.readString(EXAMPLES.resolve("iris-classifier.yaml"))
                    // An estimate that a loaded machine never overruns: an overrun adds an extension event.
                    .replace("estimatedDuration: PT20M", "estimatedDuration: PT4M")
                    .replace("interruptible: true", "interruptible: false");

            Job job = service.jobs().submit(yaml, "iris-classifier.yaml", EXAMPLES, "PT7M");

            assertThat(job.state()).isEqualTo(JobState.HELD);
            assertThat(job.reason()).startsWith("held until " + hour.toString().substring(11, 16) + " UTC");
            assertThat(job.plannedStart()).isEqualTo(hour);
            assertThat(service.jobs().scheduled(job.id())).singleElement()
                    .satisfies(r -> assertThat(r.at()).isEqualTo(hour));

            Job done = await(service, job.id(), j -> j.state().isFinal(), Duration.ofSeconds(300));
            assertThat(done.state()).as(done.reason()).isEqualTo(JobState.COMPLETED);
            assertThat(done.startedAt()).isAfterOrEqualTo(hour);
            assertThat(Path.of(done.modelPath())).exists();
            assertThat(service.jobs().events(job.id())).extracting(JobEvent::to)
                    .containsExactly(JobState.SUBMITTED, JobState.HELD, JobState.RUNNING, JobState.COMPLETED);

            List<LedgerEntry> entries = service.ledger().entries(new LedgerQuery(null, null, null));
            assertThat(entries).isNotEmpty();
            assertThat(entries.toString()).contains(job.id()).contains("ESTIMATED_MODEL");
            assertThat(service.ledger().verify().intact()).isTrue();
        }
    }

    @Test
    void restart_keepsTheHeldJobAndItsTrigger() throws Exception {
        clock.set(Instant.parse("2026-03-02T06:00:00Z"));
        String id;
        Instant planned;
        try (Greenwindow service = Greenwindow.start(config(null), clock)) {
            Job job = service.jobs().submit(Files.readString(EXAMPLES.resolve("iris-classifier.yaml")),
                    "iris-classifier.yaml", EXAMPLES, "PT48H");
            id = job.id();
            planned = job.plannedStart();
            assertThat(job.state()).isEqualTo(JobState.HELD);
        }
        try (Greenwindow service = Greenwindow.start(config(null), clock)) {
            Job job = service.jobs().get(id);
            assertThat(job.state()).isEqualTo(JobState.HELD);
            assertThat(job.plannedStart()).isEqualTo(planned);
            assertThat(service.jobs().scheduled(id)).extracting(r -> r.at()).contains(planned);
        }
    }

    @Test
    void httpAndCli_badSpecAndUnknownJob_giveClearErrors() throws Exception {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (Greenwindow service = Greenwindow.start(config(null), clock)) {
            String url = "http://localhost:" + service.port();
            String token = Files.readString(data.resolve("admin-token")).trim();
            String bearer = "Bearer " + token;
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(url + "/api/jobs"))
                    .header("Content-Type", "application/yaml").header("Authorization", bearer)
                    .POST(HttpRequest.BodyPublishers.ofString("name: x\nschedule: {deadline: PT-1H, estimatedDuration: PT1M}\n"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("schedule.deadline");

            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(url + "/api/jobs/nope"))
                            .header("Authorization", bearer).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).contains("No job with id 'nope'");

            Path badFile = data.resolve("bad.yaml");
            Files.writeString(badFile, "name: bad\nschedule: {deadline: PT1H, estimatedDuration: soon}\n");
            CliRun submit = cli("submit", badFile.toString(), "--server", url, "--token", token);
            assertThat(submit.code).isEqualTo(1);
            assertThat(submit.err).contains("schedule.estimatedDuration").doesNotContain("Exception");

            CliRun job = cli("job", "nope", "--server", url, "--token", token);
            assertThat(job.code).isEqualTo(1);
            assertThat(job.err).contains("No job with id 'nope'");

            CliRun good = cli("submit", EXAMPLES.resolve("iris-classifier.yaml").toString(), "--deadline", "PT48H",
                    "--server", url, "--token", token);
            assertThat(good.code).as(good.err).isZero();
            String id = good.out.substring("job ".length(), good.out.indexOf(' ', "job ".length()));
            assertThat(good.out).contains("(iris-classifier) HELD: ");
            assertThat(cli("jobs", "--server", url, "--token", token).out).contains(id).contains("HELD");
            assertThat(cli("job", id, "--server", url, "--token", token).out).contains("history").contains("SUBMITTED").contains("plan");
            assertThat(cli("node", "--server", url, "--token", token).out).contains("zone DE").contains("CPU cores");
            HttpResponse<String> dashboard = http.send(HttpRequest.newBuilder(URI.create(url + "/"))
                            .header("Authorization", bearer).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(dashboard.statusCode()).isEqualTo(200);
            assertThat(dashboard.body()).contains(id).contains("held until").contains("<svg");
            assertThat(cli("cancel", id, "--server", url, "--token", token).out).contains("CANCELLED");
            assertThat(cli("job", id, "--help").code).isZero();
        }
    }

    @Test
    void cancel_heldJob_removesItsTrigger() throws Exception {
        clock.set(Instant.parse("2026-03-02T06:00:00Z"));
        try (Greenwindow service = Greenwindow.start(config(null), clock)) {
            Job job = service.jobs().submit(Files.readString(EXAMPLES.resolve("iris-classifier.yaml")),
                    "iris-classifier.yaml", EXAMPLES, "PT48H");
            Job cancelled = service.jobs().cancel(job.id());
            assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
            assertThat(service.jobs().scheduled(job.id())).isEmpty();
        }
    }

    record CliRun(int code, String out, String err) {
    }

    static CliRun cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true));
            System.setErr(new PrintStream(e, true));
            int code = Main.run(args);
            return new CliRun(code, o.toString(), e.toString());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static Job await(Greenwindow service, String id, Predicate<Job> done, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        Job job = service.jobs().get(id);
        while (!done.test(job) && System.nanoTime() < until) {
            Thread.sleep(250);
            job = service.jobs().get(id);
        }
        return job;
    }
}
