package io.greenwindow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.greenwindow.db.DataFolder;
import io.greenwindow.db.Database;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.ledger.LedgerQuery;
import io.greenwindow.ledger.SampleLedger;
import io.greenwindow.ledger.VerifyResult;
import io.greenwindow.service.NodeLimits;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data folder is what it claims: a lost, empty or damaged database file stops the service with a sentence
 * naming the file and how to restore it; and a backup taken from the running service, restored into a new
 * folder, starts with the same jobs and an intact ledger.
 */
class DataFolderTest {

    static final Path EXAMPLES = Path.of("training-configs").toAbsolutePath();

    @TempDir
    Path tmp;

    private final SettableClock clock = new SettableClock();

    private ServerConfig config(Path data) {
        return new ServerConfig(0, data, null, "", "", false, "test-node", "DE", null, NodeLimits.defaults(), null,
                Duration.ofHours(1), Duration.ofMinutes(2));
    }

    /** A folder whose service has run and stored a job. */
    private Path usedFolder() throws Exception {
        Path data = tmp.resolve("data");
        clock.set(Instant.parse("2026-03-02T06:00:00Z"));
        try (Greenwindow service = Greenwindow.start(config(data), clock)) {
            service.jobs().submit(Files.readString(EXAMPLES.resolve("iris-classifier.yaml")), "iris-classifier.yaml",
                    EXAMPLES, "PT48H");
        }
        assertThat(data.resolve(DataFolder.MARKER)).exists();
        return data;
    }

    @Test
    void zeroByteDatabase_stopsTheServiceNamingTheFileAndTheRestore() throws Exception {
        Path data = usedFolder();
        Path file = data.resolve(DataFolder.DB_FILE);
        Files.write(file, new byte[0]);

        assertThatThrownBy(() -> Greenwindow.start(config(data), clock))
                .hasMessageContaining(file.toAbsolutePath() + " is empty (0 bytes)")
                .hasMessageContaining("greenwindow restore --from FILE --data " + data.toAbsolutePath());
        assertThat(Files.size(file)).isZero(); // left as it was, for whoever investigates
    }

    @Test
    void markerWithoutDatabase_stopsTheService() throws Exception {
        Path data = usedFolder();
        Files.delete(data.resolve(DataFolder.DB_FILE));

        assertThatThrownBy(() -> Greenwindow.start(config(data), clock))
                .hasMessageContaining(DataFolder.DB_FILE + " is missing although")
                .hasMessageContaining("greenwindow restore");
        assertThat(data.resolve(DataFolder.DB_FILE)).doesNotExist(); // no empty database was made in its place
    }

    @Test
    void truncatedOrGarbledDatabase_stopsTheService() throws Exception {
        Path data = usedFolder();
        Path file = data.resolve(DataFolder.DB_FILE);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            // Garble the file headers (the first two 4 KiB blocks) and cut the file short.
            f.seek(0);
            f.write(new byte[8192]);
            f.setLength(f.length() / 2);
        }

        assertThatThrownBy(() -> Greenwindow.start(config(data), clock))
                .hasMessageContaining(file.toAbsolutePath() + " is damaged or truncated")
                .hasMessageContaining("greenwindow restore");
    }

    @Test
    void backupOfRunningService_restoredIntoNewFolder_startsWithSameJobsAndIntactLedger() throws Exception {
        Path data = tmp.resolve("data");
        Path backup = tmp.resolve("backup.zip");
        Path restored = tmp.resolve("restored");
        clock.set(Instant.parse("2026-03-02T06:00:00Z"));
        Map<String, JobState> jobsBefore;
        VerifyResult verifyBefore;
        try (Greenwindow service = Greenwindow.start(config(data), clock)) {
            for (int i = 0; i < 3; i++) {
                service.jobs().submit(Files.readString(EXAMPLES.resolve("iris-classifier.yaml")),
                        "iris-classifier.yaml", EXAMPLES, "PT48H");
            }
            service.jobs().cancel(service.jobs().list(1).get(0).id());
            try (Database second = Database.embedded(data)) { // the same H2 database, from this JVM
                SampleLedger.populate(second);
            }
            jobsBefore = states(service.jobs().list(100));
            verifyBefore = service.ledger().verify();
            assertThat(verifyBefore.entriesChecked()).isPositive();

            // Online: the service is running while the backup is taken.
            GreenwindowEndToEndTest.CliRun run = GreenwindowEndToEndTest.cli("backup", "--out", backup.toString(),
                    "--server", "http://localhost:" + service.port(),
                    "--token", Files.readString(data.resolve("admin-token")).trim());
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(service.jobs().list(100)).hasSize(3);
        }
        assertThat(data.resolve("backups")).isEmptyDirectory(); // the service's copy went with the answer

        GreenwindowEndToEndTest.CliRun restore = GreenwindowEndToEndTest.cli("restore", "--from", backup.toString(),
                "--data", restored.toString());
        assertThat(restore.code()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("(3 jobs)");
        assertThat(restored.resolve(DataFolder.MARKER)).exists();

        try (Greenwindow service = Greenwindow.start(config(restored), clock)) {
            assertThat(states(service.jobs().list(100))).isEqualTo(jobsBefore);
            VerifyResult verify = service.ledger().verify();
            assertThat(verify.intact()).isTrue();
            assertThat(verify.entriesChecked()).isEqualTo(verifyBefore.entriesChecked());
            assertThat(verify.headHash()).isEqualTo(verifyBefore.headHash());
            assertThat(service.ledger().entries(LedgerQuery.ALL)).isNotEmpty();
        }
        GreenwindowEndToEndTest.CliRun again = GreenwindowEndToEndTest.cli("restore", "--from", backup.toString(),
                "--data", restored.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("is not empty");
    }

    private static Map<String, JobState> states(List<Job> jobs) {
        return jobs.stream().collect(Collectors.toMap(Job::id, Job::state));
    }
}
