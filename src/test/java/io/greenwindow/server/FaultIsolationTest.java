package io.greenwindow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.job.JdbcJobRepository;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.service.NodeLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupted job rows written straight into the database (a zero duration, a deadline before the submission):
 * the service still starts, each bad job is FAILED with a reason saying what could not be done, and every other
 * job is planned as usual, at start and in each periodic pass.
 */
class FaultIsolationTest {

    static final Path EXAMPLES = Path.of("training-configs").toAbsolutePath();

    @TempDir
    Path data;

    private final SettableClock clock = new SettableClock();

    private ServerConfig config() {
        return new ServerConfig(0, data, null, "", "", false, "test-node", "DE", null, NodeLimits.defaults(), null,
                Duration.ofHours(1), Duration.ofMinutes(2));
    }

    @Test
    void corruptedRows_serviceStarts_badJobsFailedWithReason_othersPlanned() throws Exception {
        clock.set(Instant.parse("2026-03-02T06:00:00Z"));
        Job good;
        try (Greenwindow service = Greenwindow.start(config(), clock)) {
            good = service.jobs().submit(Files.readString(EXAMPLES.resolve("iris-classifier.yaml")),
                    "iris-classifier.yaml", EXAMPLES, "PT48H");
            assertThat(good.state()).isEqualTo(JobState.HELD);
        }
        Instant at = good.submittedAt();
        try (Database db = Database.embedded(data)) {
            JdbcJobRepository rows = new JdbcJobRepository(db);
            rows.insert(copy(good, "zeroduration", JobState.SUBMITTED, good.deadline(), Duration.ZERO));
            rows.insert(copy(good, "backwards", JobState.HELD, at.minus(Duration.ofDays(1)), good.estimatedDuration()));
            rows.insert(copy(good, "fresh", JobState.SUBMITTED, good.deadline(), good.estimatedDuration()));
        }

        try (Greenwindow service = Greenwindow.start(config(), clock)) {
            Job zero = service.jobs().get("zeroduration");
            assertThat(zero.state()).isEqualTo(JobState.FAILED);
            assertThat(zero.reason()).contains("could not be planned").contains("PT0S").contains("must be positive");
            Job backwards = service.jobs().get("backwards");
            assertThat(backwards.state()).isEqualTo(JobState.FAILED);
            assertThat(backwards.reason()).contains("could not be planned again").contains("before its submission");

            Job fresh = service.jobs().get("fresh");
            assertThat(fresh.state()).as(fresh.reason()).isEqualTo(JobState.HELD);
            assertThat(service.jobs().plan("fresh")).isPresent();
            assertThat(service.jobs().scheduled("fresh")).isNotEmpty();
            assertThat(service.jobs().get(good.id()).state()).isEqualTo(JobState.HELD);

            // A bad row that appears while the service runs fails alone in the periodic re-plan.
            try (Database db = Database.embedded(data)) {
                new JdbcJobRepository(db).insert(copy(good, "backwards-later", JobState.HELD,
                        at.minus(Duration.ofDays(1)), good.estimatedDuration()));
            }
            service.replanner().replanHeld();

            Job later = service.jobs().get("backwards-later");
            assertThat(later.state()).isEqualTo(JobState.FAILED);
            assertThat(later.reason()).contains("could not be re-planned").contains("before its submission");
            assertThat(service.jobs().get("fresh").state()).isEqualTo(JobState.HELD);
            assertThat(service.jobs().get(good.id()).state()).isEqualTo(JobState.HELD);
        }
    }

    @Test
    void isolatedSteps_failingStep_doesNotStopTheOthers() {
        List<String> ran = new ArrayList<>();

        int failed = IsolatedSteps.run("test pass", List.of(
                new IsolatedSteps.Step("first", () -> ran.add("first")),
                new IsolatedSteps.Step("broken", () -> {
                    throw new IllegalStateException("broken on purpose");
                }),
                new IsolatedSteps.Step("third", () -> ran.add("third"))));

        assertThat(failed).isEqualTo(1);
        assertThat(ran).containsExactly("first", "third");
    }

    private static Job copy(Job j, String id, JobState state, Instant deadline, Duration duration) {
        return new Job(id, j.name(), j.kind(), j.team(), state, "written by the test", j.submittedAt(), deadline,
                duration, j.zones(), j.gpus(), j.interruptible(), j.priority(), j.urgent(), j.specSource(),
                j.specYaml(), null, null, null, null, null, 0, null, null, null, j.submittedAt());
    }
}
