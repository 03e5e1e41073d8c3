package io.greenwindow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.db.Database;
import io.greenwindow.db.DiskFull;
import io.greenwindow.job.JdbcJobRepository;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.job.spec.JobKind;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A real full disk: an H2 database on a small tmpfs (mounted here; CI runs as root, elsewhere the test is
 * skipped), the rest of the tmpfs filled, then jobs stored over HTTP until the disk refuses: that answer is 507
 * with a sentence that says the disk is full, never the database's error.
 */
class DiskFullTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void storeOnFullDisk_answers507SayingTheDiskIsFull() throws Exception {
        Path mount = Files.createTempDirectory("gw-full-disk");
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString()),
                "needs root to mount a small tmpfs");
        Javalin app = null;
        Database db = null;
        try {
            db = Database.embedded(mount);
            JdbcJobRepository jobs = new JdbcJobRepository(db);
            AtomicInteger n = new AtomicInteger();
            String bulk = "# " + "x".repeat(64 * 1024) + "\n";
            app = Javalin.create(config -> {
                ErrorResponses.register(config.routes);
                config.routes.post("/jobs", ctx -> {
                    jobs.insert(job("j" + n.incrementAndGet(), bulk));
                    ctx.status(201);
                });
            }).start(0);
            fill(mount.resolve("filler"));

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> refused = null;
            // Each stored job needs ~64 KB more of the file and H2 writes once its unsaved changes pass a bound,
            // so the refusal comes within a bounded number of tries (400 x 64 KB is three times the disk).
            for (int i = 0; i < 400 && refused == null; i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port()
                        + "/jobs")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 201) {
                    refused = r;
                }
            }

            assertThat(refused).as("a store refused by the full disk").isNotNull();
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(507);
            assertThat(JSON.readTree(refused.body()).path("error").asText()).isEqualTo(ErrorResponses.DISK_FULL);
            ErrorResponsesTest.assertNothingInternal(refused.body());
        } finally {
            if (app != null) {
                app.stop();
            }
            if (db != null) {
                try {
                    db.close();
                } catch (RuntimeException ignored) {
                    // a store that failed to write may also fail to close
                }
            }
            run("umount", "-l", mount.toString());
            Files.deleteIfExists(mount);
        }
    }

    @Test
    void diskFull_recognisedAnywhereInTheCauseChain_andNotForOtherFailures() {
        IOException enospc = new IOException("No space left on device");
        assertThat(DiskFull.in(new RuntimeException("db", new SQLException("General error", enospc)))).isTrue();
        assertThat(DiskFull.in(new SQLException(
                "General error: \"org.h2.mvstore.MVStoreException: Writing to /d/greenwindow.mv.db failed; length 4096 at 8192\""))).isTrue();
        assertThat(DiskFull.in(new SQLException("Value too long for column \"team\""))).isFalse();
        assertThat(DiskFull.in(new IOException("Connection reset"))).isFalse();
    }

    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException e) {
            assertThat(e.getMessage()).contains("No space left on device");
        }
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Job job(String id, String document) {
        Instant at = Instant.parse("2026-11-02T10:00:00Z");
        return new Job(id, "iris", JobKind.TRAIN, "research", JobState.SUBMITTED, "test", at,
                at.plus(Duration.ofHours(8)), Duration.ofMinutes(20), List.of("DE"), 0, true, 0, false, "iris.yaml",
                document, null, null, null, null, null, 0, null, null, null, at);
    }
}
