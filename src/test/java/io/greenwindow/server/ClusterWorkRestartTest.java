package io.greenwindow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import io.greenwindow.job.JdbcJobRepository;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.service.NodeLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default (an H2 file) restarted on the same data folder: the second start finds the cluster work's
 * Quartz job and trigger stored by the first and starts without error, and the periodic pass (a clustered Quartz
 * job) fires after the restart on its own: a held job whose deadline is before its submission, written while the
 * service runs, is failed by the pass's re-plan with the re-plan's reason, without the test calling it.
 */
class ClusterWorkRestartTest {

    static final Path EXAMPLES = Path.of("training-configs").toAbsolutePath();
    /** Far beyond this test's patience, so that only the periodic pass (every second) can re-plan the bad job. */
    private static final Duration NODE_TIMEOUT = Duration.ofMinutes(40);
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @TempDir
    Path data;

    private final SettableClock clock = new SettableClock();

    private ServerConfig config() {
        return new ServerConfig(0, data, null, "", "", false, "test-node", "DE", null, NodeLimits.defaults(), null,
                Duration.ofSeconds(1), NODE_TIMEOUT);
    }

    @Test
    void restartOnTheSameFolder_startsCleanly_andThePeriodicPassFiresAfterIt() throws Exception {
        clock.set(Instant.parse("2026-03-02T06:00:00Z"));
        Job good;
        try (Greenwindow service = Greenwindow.start(config(), clock)) {
            good = service.jobs().submit(Files.readString(EXAMPLES.resolve("iris-classifier.yaml")),
                    "iris-classifier.yaml", EXAMPLES, "PT48H");
            assertThat(good.state()).isEqualTo(JobState.HELD);
        }
        try (Greenwindow service = Greenwindow.start(config(), clock)) {
            try (Database db = Database.embedded(data)) {
                new JdbcJobRepository(db).insert(new Job("backwards", good.name(), good.kind(), good.team(),
                        JobState.HELD, "written by the test", good.submittedAt(),
                        good.submittedAt().minus(Duration.ofDays(1)), good.estimatedDuration(), good.zones(),
                        good.gpus(), good.interruptible(), good.priority(), good.urgent(), good.specSource(),
                        good.specYaml(), null, null, null, null, null, 0, null, null, null, good.submittedAt()));
                assertThat(new Jdbc(db.dataSource()).query("SELECT instance_name FROM qrtz_scheduler_state",
                        rs -> rs.getString(1))).as("one scheduler instance, the node's").containsExactly("test-node");
            }
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (service.jobs().get("backwards").state() != JobState.FAILED) {
                assertThat(System.nanoTime()).as("the periodic pass re-planned the bad job within " + PATIENCE)
                        .isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(service.jobs().get("backwards").reason()).contains("could not be re-planned")
                    .contains("before its submission");
            assertThat(service.jobs().get(good.id()).state()).isEqualTo(JobState.HELD);
        }
    }
}
