package io.greenwindow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.server.Greenwindow;
import io.greenwindow.server.PerfectReplay;
import io.greenwindow.server.ServerConfig;
import io.greenwindow.server.SettableClock;
import io.greenwindow.service.NodeLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's job page in a real browser, for a real DL4J job that a real service ran: the iris example is submitted
 * five seconds before an hour whose grid is dirtier than the one before it, so it runs at once and its segment
 * usually crosses the hour (on a slow machine it may start after it: the bars are counted either way). Chromium signs in and reads the page's elements (by their classes and data attributes, never
 * their SVG paths): one run segment over the recorded intensity, one energy bar per hour the segment touched, whose
 * kWh add up to what the ledger's API says, the ledger lines with their method, the loss curve. The screenshot is
 * left in target/job-page.png for a person to look at. Skips only where Chromium is not installed.
 */
class JobPageBrowserTest {

    static final Path EXAMPLES = Path.of("training-configs").toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    @TempDir
    Path browserDir;

    private final SettableClock clock = new SettableClock();

    @Test
    void jobPage_completedJob_showsRunsOverIntensityEnergyPerIntervalAndLedgerLines() throws Exception {
        assumeTrue(HeadlessChromium.available(), "no /usr/bin/chromium on this machine");
        clock.set(Instant.parse("2026-03-01T12:00:00Z"));
        ServerConfig config = new ServerConfig(0, data, null, "", "", false, "test-node", "DE", null,
                NodeLimits.defaults(), PerfectReplay.adapters(data), Duration.ofHours(1), Duration.ofMinutes(2));
        try (Greenwindow service = Greenwindow.start(config, clock)) {
            // An hour at least 10 g/kWh dirtier than the one before it: a job due within it runs at once.
            Instant hour = PerfectReplay.hour(service, (before, at) -> at > before + 10);
            clock.set(hour.minusSeconds(5));
            String yaml = Files.readString(EXAMPLES.resolve("iris-classifier.yaml"))
                    // An estimate well above the real run (about a minute on a loaded machine), so the overrun watch
                    // never stops it; the deadline leaves no start but in the dirtier hour, so it runs at once.
                    .replace("estimatedDuration: PT20M", "estimatedDuration: PT5M")
                    .replace("interruptible: true", "interruptible: false");
            Job job = service.jobs().submit(yaml, "iris-classifier.yaml", EXAMPLES, "PT6M");
            Job done = awaitFinal(service, job.id());
            assertThat(done.state()).as(done.reason()).isEqualTo(JobState.COMPLETED);
            awaitJobEntry(service, job.id());

            String base = "http://localhost:" + service.port();
            String admin = Files.readString(data.resolve("admin-token")).trim();
            JsonNode ledger = JSON.readTree(get(base + "/api/ledger", admin));
            double segmentKwh = 0;
            for (JsonNode e : ledger.isArray() ? ledger : ledger.path("entries")) {
                if (e.toString().contains(job.id()) && e.toString().contains("\"SEGMENT\"")) {
                    for (JsonNode kwh : e.findValues("kwh")) {
                        segmentKwh += kwh.asDouble();
                    }
                }
            }

            try (HeadlessChromium browser = HeadlessChromium.launch(browserDir.resolve("profile"))) {
                browser.navigate(base + "/signin?next=/jobs/" + job.id());
                browser.awaitTrue("!!document.getElementById('token')", Duration.ofSeconds(30));
                browser.eval("document.getElementById('token').value = '" + admin + "'; "
                        + "document.getElementById('signin').click(); true");
                browser.awaitTrue("location.pathname === '/jobs/" + job.id() + "' && !!document.getElementById('ledger')",
                        Duration.ofSeconds(30));

                // GIVEN the job's one RUNNING stretch, THEN one run segment, drawn over the recorded intensity
                assertThat(browser.eval("document.querySelectorAll('svg.runs g.run-segment').length")).isEqualTo("1");
                Instant start = Instant.parse(browser.eval("document.querySelector('g.run-segment').dataset.start"));
                Instant end = Instant.parse(browser.eval("document.querySelector('g.run-segment').dataset.end"));
                assertThat(start).isAfterOrEqualTo(hour.minusSeconds(5));
                assertThat(end).isAfter(start);
                assertThat(browser.eval("!!document.querySelector('svg.runs path.history-intensity')")).isEqualTo("true");

                // THEN one energy bar per hour the segment touched (hours counted here from the segment's own span)
                TreeSet<Instant> hoursTouched = new TreeSet<>();
                for (Instant h = start.truncatedTo(ChronoUnit.HOURS); h.isBefore(end); h = h.plus(Duration.ofHours(1))) {
                    hoursTouched.add(h);
                }
                int bars = Integer.parseInt(browser.eval("document.querySelectorAll('svg.energy g.energy-bar').length"));
                assertThat(bars).isEqualTo(hoursTouched.size());
                List<Instant> barHours = new ArrayList<>();
                double barKwh = 0;
                for (int i = 0; i < bars; i++) {
                    String bar = "document.querySelectorAll('g.energy-bar')[" + i + "].dataset";
                    barHours.add(Instant.parse(browser.eval(bar + ".start")).truncatedTo(ChronoUnit.HOURS));
                    assertThat(Double.parseDouble(browser.eval(bar + ".measuredKwh"))).as("no counters here").isZero();
                    barKwh += Double.parseDouble(browser.eval(bar + ".estimatedKwh"));
                }
                assertThat(barHours).containsExactlyElementsOf(hoursTouched);
                assertThat(barKwh).isPositive().isCloseTo(segmentKwh, org.assertj.core.data.Offset.offset(segmentKwh * 1e-9));

                // THEN the ledger lines: its segment and the job, each saying the energy was estimated by a model
                assertThat(browser.eval("[...document.querySelectorAll('tr.ledger-line')].map(r => r.dataset.kind).join(',')"))
                        .startsWith("SEGMENT").contains("JOB");
                assertThat(browser.eval("[...document.querySelectorAll('tr.ledger-line')].every(r => r.dataset.method === 'estimated')"))
                        .isEqualTo("true");
                assertThat(browser.eval("document.getElementById('ledger').innerText")).contains("estimated (model)");
                assertThat(browser.eval("!!document.querySelector('svg.loss polyline.loss-curve')")).isEqualTo("true");
                assertThat(browser.eval("!!document.querySelector('#forecast svg.forecast')")).isEqualTo("true");

                Path shot = Path.of("target", "job-page.png");
                Files.createDirectories(shot.getParent());
                browser.screenshot(shot, 1280);
            }
        }
    }

    private static Job awaitFinal(Greenwindow service, String id) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        Job job = service.jobs().get(id);
        while (!job.state().isFinal() && System.nanoTime() < until) {
            Thread.sleep(200);
            job = service.jobs().get(id);
        }
        return job;
    }

    private static void awaitJobEntry(Greenwindow service, String id) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!service.ledger().hasJobEntry(id)) {
            if (System.nanoTime() > until) {
                throw new AssertionError("no JOB ledger entry for " + id);
            }
            Thread.sleep(200);
        }
    }

    private static String get(String url, String token) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }
}
