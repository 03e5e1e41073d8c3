package io.greenwindow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.greenwindow.db.Database;
import io.greenwindow.job.spec.JobKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link JobRepository} keeps, run on H2 and on PostgreSQL by the subclasses. */
abstract class JobRepositoryContract {

    static final Instant T0 = Instant.parse("2026-03-02T14:17:33Z");

    private Database database;
    private JobRepository repository;

    abstract Database database();

    @BeforeEach
    void open() {
        database = database();
        repository = new JdbcJobRepository(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    static Job job(String id, JobState state) {
        return new Job(id, "iris", JobKind.TRAIN, "research", state, "submitted", T0, T0.plus(Duration.ofHours(8)),
                Duration.ofMinutes(20), List.of("DE", "GB"), 0, true, 2, false, "/tmp/iris.yaml", "name: iris\n",
                null, null, null, null, null, 0, null, null, null, T0);
    }

    @Test
    void insertAndCancel_recordWhoSubmittedAndWhoCancelled_inTheSameWrites() {
        repository.insert(job("a", JobState.HELD), "ella (engineer)");
        repository.insert(job("b", JobState.HELD));

        boolean cancelled = repository.cancel("a", JobState.HELD, "cancelled by carol", "carol (admin)", T0.plusSeconds(60));
        boolean stale = repository.cancel("b", JobState.RUNNING, "cancelled by carol", "carol (admin)", T0.plusSeconds(60));

        assertThat(cancelled).isTrue();
        assertThat(stale).isFalse();
        assertThat(repository.authors("a")).isEqualTo(new JobAuthors("ella (engineer)", "carol (admin)"));
        assertThat(repository.authors("b")).isEqualTo(JobAuthors.UNKNOWN);
        assertThat(repository.get("a").state()).isEqualTo(JobState.CANCELLED);
        assertThat(repository.get("a").finishedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(repository.events("a")).extracting(JobEvent::reason).containsExactly("submitted", "cancelled by carol");
    }

    @Test
    void insert_thenFind_returnsEveryField() {
        repository.insert(job("j1", JobState.SUBMITTED));

        Job found = repository.get("j1");
        assertThat(found).isEqualTo(job("j1", JobState.SUBMITTED));
        assertThat(repository.events("j1")).extracting(JobEvent::to).containsExactly(JobState.SUBMITTED);
    }

    @Test
    void get_unknownId_throwsNotFound() {
        assertThatThrownBy(() -> repository.get("nope")).isInstanceOf(JobNotFoundException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void transition_fromExpectedState_movesAndRecordsEvent() {
        repository.insert(job("j1", JobState.SUBMITTED));
        Instant at = T0.plusSeconds(5);

        assertThat(repository.transition("j1", JobState.SUBMITTED, JobState.HELD, "held until 02:00 UTC", at)).isTrue();

        Job held = repository.get("j1");
        assertThat(held.state()).isEqualTo(JobState.HELD);
        assertThat(held.reason()).isEqualTo("held until 02:00 UTC");
        assertThat(held.updatedAt()).isEqualTo(at);
        assertThat(repository.events("j1")).extracting(JobEvent::from, JobEvent::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, JobState.SUBMITTED),
                        org.assertj.core.groups.Tuple.tuple(JobState.SUBMITTED, JobState.HELD));
    }

    @Test
    void transition_whenStateMovedMeanwhile_changesNothing() {
        repository.insert(job("j1", JobState.HELD));

        assertThat(repository.transition("j1", JobState.PAUSED, JobState.RUNNING, "x", T0)).isFalse();
        assertThat(repository.get("j1").state()).isEqualTo(JobState.HELD);
        assertThat(repository.events("j1")).hasSize(1);
    }

    @Test
    void transition_toFinalState_setsFinishedAt() {
        repository.insert(job("j1", JobState.HELD));
        Instant at = T0.plusSeconds(60);
        repository.transition("j1", JobState.HELD, JobState.CANCELLED, "cancelled by user", at);
        assertThat(repository.get("j1").finishedAt()).isEqualTo(at);
    }

    @Test
    void markStarted_keepsFirstStartAcrossSegments() {
        repository.insert(job("j1", JobState.HELD));
        Instant first = T0.plusSeconds(100);
        repository.markStarted("j1", JobState.HELD, "DE", "node-a", "released", first);
        repository.transition("j1", JobState.RUNNING, JobState.PAUSED, "paused", first.plusSeconds(50));
        repository.markStarted("j1", JobState.PAUSED, "DE", "node-b", "resumed", first.plusSeconds(500));

        Job job = repository.get("j1");
        assertThat(job.startedAt()).isEqualTo(first);
        assertThat(job.zone()).isEqualTo("DE");
        assertThat(job.node()).isEqualTo("node-b");
        assertThat(job.state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void claim_movesARunningJobOnlyFromTheNodeNamed() {
        repository.insert(job("j1", JobState.HELD));
        repository.markStarted("j1", JobState.HELD, "DE", "node-a", "released", T0);

        assertThat(repository.claim("j1", "node-x", "node-b", T0)).isFalse();
        assertThat(repository.claim("j1", "node-a", "node-b", T0)).isTrue();
        assertThat(repository.claim("j1", "node-a", "node-c", T0)).as("already taken").isFalse();
        assertThat(repository.get("j1").node()).isEqualTo("node-b");
    }

    @Test
    void inStates_returnsOnlyThoseStates_oldestFirst() {
        repository.insert(job("a", JobState.HELD));
        repository.insert(job("b", JobState.RUNNING));
        repository.insert(job("c", JobState.COMPLETED));

        assertThat(repository.inStates(JobState.HELD, JobState.RUNNING)).extracting(Job::id).containsExactly("a", "b");
    }

    @Test
    void savePlan_replacesThePreviousPlanAndSetsPlannedStart() {
        repository.insert(job("j1", JobState.HELD));
        Instant start = Instant.parse("2026-03-03T02:00:00Z");
        repository.savePlan(plan("j1", T0));
        StoredPlan second = new StoredPlan("j1", "HOLD", "GB",
                List.of(new StoredPlan.Segment("GB", start, start.plusSeconds(600)),
                        new StoredPlan.Segment("GB", start.plusSeconds(3600), start.plusSeconds(4200))),
                95.5, 240.0, 0.6, "held until 02:00 UTC", "default v1", T0.plusSeconds(1));
        repository.savePlan(second);

        assertThat(repository.plan("j1")).contains(second);
        assertThat(repository.get("j1").plannedStart()).isEqualTo(start);
    }

    @Test
    void insertPlanned_storesTheJobHeldWithBothEventsItsPlanAndWhoSubmitted_asOneChange() {
        long before = repository.version();
        Instant at = T0.plusSeconds(2);
        Instant start = Instant.parse("2026-03-03T02:00:00Z");
        StoredPlan plan = new StoredPlan("p1", "HOLD", "GB",
                List.of(new StoredPlan.Segment("GB", start, start.plusSeconds(1200))),
                95.5, 240.0, 0.6, "held until 02:00 UTC", "default v1", at);

        Job stored = repository.insertPlanned(job("p1", JobState.SUBMITTED), "ella (engineer)", JobState.HELD,
                io.greenwindow.reason.Reason.sentence("held until 02:00 UTC"), plan, at);

        Job read = repository.get("p1");
        assertThat(read.state()).isEqualTo(JobState.HELD);
        assertThat(read.reason()).isEqualTo("held until 02:00 UTC");
        assertThat(read.plannedStart()).isEqualTo(start);
        assertThat(read.zone()).isEqualTo("GB");
        assertThat(read.updatedAt()).isEqualTo(at);
        assertThat(read.submittedAt()).isEqualTo(T0);
        assertThat(List.of(stored.state(), stored.plannedStart(), stored.zone()))
                .isEqualTo(List.of(read.state(), read.plannedStart(), read.zone()));
        assertThat(repository.events("p1")).extracting(JobEvent::from).containsExactly(null, JobState.SUBMITTED);
        assertThat(repository.events("p1")).extracting(JobEvent::to).containsExactly(JobState.SUBMITTED, JobState.HELD);
        assertThat(repository.events("p1")).extracting(JobEvent::reason)
                .containsExactly("submitted", "held until 02:00 UTC");
        assertThat(repository.plan("p1")).contains(plan);
        assertThat(repository.authors("p1")).isEqualTo(new JobAuthors("ella (engineer)", null));
        // One write: the version rose once, and a reader that had seen the version before finds the job.
        assertThat(repository.version()).isEqualTo(before + 1);
        assertThat(repository.changedSince(before)).extracting(Job::id).containsExactly("p1");
    }

    @Test
    void insertPlanned_toAStateASubmittedJobCannotReach_storesNothing() {
        assertThatThrownBy(() -> repository.insertPlanned(job("p2", JobState.SUBMITTED), null, JobState.PAUSED,
                io.greenwindow.reason.Reason.sentence("paused"), plan("p2", T0), T0))
                .isInstanceOf(IllegalJobStateChangeException.class);

        assertThat(repository.find("p2")).isEmpty();
        assertThat(repository.plan("p2")).isEmpty();
    }

    private static StoredPlan plan(String id, Instant at) {
        return new StoredPlan(id, "RUN_NOW", "DE", List.of(new StoredPlan.Segment("DE", at, at.plusSeconds(1200))),
                240, 240, 0, "run now", "default v1", at);
    }
}
