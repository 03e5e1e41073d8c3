package io.greenwindow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.type.TypeReference;
import io.greenwindow.energy.EnergySample;
import io.greenwindow.energy.EnergySampleLog;
import io.greenwindow.energy.MeterReading;
import io.greenwindow.ledger.EntryKind;
import io.greenwindow.ledger.EntryStatus;
import io.greenwindow.ledger.LedgerEntry;
import io.greenwindow.ledger.LedgerJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the whole service while a job trains: the training JVM notices its parent is gone, checkpoints and
 * exits; the restarted service accounts the cut segment from its energy log and resumes the job from its last
 * checkpoint to completion.
 */
class ServiceCrashTest {

    @TempDir
    Path data;

    private static int loggedSamples(Path work) {
        try (Stream<Path> files = Files.list(work)) {
            Path log = files.filter(f -> f.getFileName().toString().matches("energy-\\d+\\.csv")).findFirst().orElse(null);
            return log == null ? 0 : EnergySampleLog.read(log).size();
        } catch (IOException | RuntimeException e) {
            return 0; // not there yet, or being written
        }
    }

    @Test
    void killMinus9OfService_jobResumesFromCheckpointAfterRestart() throws Exception {
        try {
            killAndResume();
        } catch (Throwable t) {
            ServiceProcess.printLogs(data, 150);
            throw t;
        }
    }

    private void killAndResume() throws Exception {
        String id;
        try (ServiceProcess first = ServiceProcess.start(data, Map.of())) {
            // Long enough (15 epochs) that the kill lands mid-training after the meter has logged two samples
            // (one every 10 s), so the cut segment's energy can be recovered from its log.
            id = first.submit("char-lstm.yaml", y -> y.replace("checkpointEvery: PT30S", "checkpointEvery: PT1S")
                    .replace("epochs: 5", "epochs: 15"), "PT15M");

            Path work = data.resolve("jobs").resolve(id);
            Path checkpoint = work.resolve("checkpoints").resolve("checkpoint.zip");
            ServiceProcess.awaitTrue(() -> Files.exists(checkpoint) && loggedSamples(work) >= 2, Duration.ofSeconds(300),
                    "a first checkpoint and two energy samples");
            List<ProcessHandle> trainers = first.process.toHandle().descendants().toList();
            assertThat(trainers).as("the training JVM").isNotEmpty();

            first.kill();
            for (ProcessHandle trainer : trainers) {
                trainer.onExit().get(180, TimeUnit.SECONDS);
            }
        }
        try (ServiceProcess second = ServiceProcess.start(data, Map.of())) {
            // Bounds of minutes: the resumed job trains 15 epochs on a machine that may be loaded; a pass returns early.
            JsonNode job = second.awaitJob(id, ServiceProcess::finished, Duration.ofSeconds(900));
            assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("COMPLETED");
            second.awaitJobEntry(id, Duration.ofSeconds(180));
            assertThat(job.path("segmentsRun").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(job.path("events").toString()).contains("after a service restart, from its last checkpoint");
            assertThat(second.get("/api/ledger?format=json")).contains(id);

            // Every sample the service logged before it died is in the ledger, and the entry says the rest was
            // not measured. Oracle: the log itself, summed here (cumulative readings: last minus first per meter).
            Path work = data.resolve("jobs").resolve(id);
            Path cut = cutSegmentLog(work);
            double loggedKwh = kwhOf(EnergySampleLog.read(cut));
            List<LedgerEntry> entries = LedgerJson.mapper().readValue(second.get("/api/ledger?format=json"),
                    new TypeReference<List<LedgerEntry>>() { });
            LedgerEntry segment0 = entries.stream().filter(e -> e.content().jobId().equals(id)
                    && e.content().kind() == EntryKind.SEGMENT && e.content().segmentIndex() == 0).findFirst()
                    .orElseThrow(() -> new AssertionError("no SEGMENT entry 0 of job " + id + " among "
                            + entries.stream().map(e -> e.content().jobId() + " " + e.content().kind() + " #"
                                    + e.content().segmentIndex() + " " + e.content().status()).toList()
                            + "; job: " + job));
            assertThat(loggedKwh).isPositive();
            assertThat(segment0.content().energy().itKwh()).isCloseTo(loggedKwh, within(1e-9));
            assertThat(segment0.content().status()).isEqualTo(EntryStatus.PARTIAL_ENERGY);
            assertThat(segment0.content().statusReason()).contains("energy measured only up to the last sample");
            LedgerEntry jobEntry = entries.stream().filter(e -> e.content().jobId().equals(id)
                    && e.content().kind() == EntryKind.JOB).findFirst().orElseThrow();
            assertThat(jobEntry.content().status()).as("a job with an unmeasured stretch is never complete")
                    .isEqualTo(EntryStatus.PARTIAL_ENERGY);
            assertThat(jobEntry.content().energy().itKwh()).isGreaterThanOrEqualTo(loggedKwh);
            assertThat(second.get("/api/ledger/verify")).contains("\"intact\":true");
        }
    }

    /** The first segment's log (the earliest start), which the crash cut: it holds no final sample. */
    private static Path cutSegmentLog(Path work) throws IOException {
        try (Stream<Path> files = Files.list(work)) {
            return files.filter(f -> f.getFileName().toString().matches("energy-\\d+\\.reported\\.csv")).sorted()
                    .findFirst().orElseThrow();
        }
    }

    private static double kwhOf(List<EnergySample> samples) {
        Map<String, Double> first = new HashMap<>();
        Map<String, Double> last = new HashMap<>();
        for (EnergySample s : samples) {
            for (MeterReading r : s.readings()) {
                String key = r.component() + "/" + r.method() + "/" + r.detail();
                first.putIfAbsent(key, r.joules());
                last.put(key, r.joules());
            }
        }
        double joules = 0;
        for (String key : last.keySet()) {
            joules += last.get(key) - first.get(key);
        }
        return joules / 3.6e6;
    }
}
