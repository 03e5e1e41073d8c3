package io.greenwindow.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.grid.SettableClock;
import io.greenwindow.job.JdbcJobRepository;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.job.spec.JobKind;
import io.greenwindow.reason.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The kept {@link Commitments} follow a new job this process wrote (under the planning lock) without reading it
 * back, only when nothing else was written between the snapshot and that write; a write of another node in between
 * makes the next read go to the database as before. Told apart by identity: a job read back is a new object.
 */
class CommitmentsOwnInsertTest {

    private static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");

    private final SettableClock clock = SettableClock.at("2026-03-02T06:00:00Z");
    private final Database db = TestDatabases.h2();
    private final JdbcJobRepository here = new JdbcJobRepository(db);
    private final JdbcJobRepository otherNode = new JdbcJobRepository(db);
    private final Commitments commitments = new Commitments(here, clock);
    private final PlanningLock lock = new PlanningLock(db, clock);

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void ownInsert_rightAfterTheSnapshot_isFollowedWithoutReadingItBack() {
        Job first = lock.run(() -> {
            commitments.current();
            return insert(here, "first");
        });
        Commitments.Snapshot after = commitments.current();
        assertThat(after.version()).isEqualTo(here.version());
        assertThat(after.waiting().get("first").job()).as("the job as written, not read back").isSameAs(first);
        assertThat(after.changes()).extracting(Commitments.Change::jobId).containsExactly("first");

        Job second = lock.run(() -> {
            commitments.current();
            return insert(here, "second");
        });
        Commitments.Snapshot next = commitments.current();
        assertThat(next.waiting().get("second").job()).isSameAs(second);
        assertThat(next.parent()).as("brought up to date from the one before").isEqualTo(after.serial());
        assertThat(next.waiting().all()).extracting(h -> h.job().id()).containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void anotherNodesWrite_inBetween_makesTheNextReadGoToTheDatabase() {
        lock.run(() -> commitments.current());
        lock.run(() -> insert(otherNode, "theirs")); // raises the version past the kept snapshot's
        Job mine = lock.run(() -> insert(here, "mine")); // no read of the capacity in this transaction

        Commitments.Snapshot after = commitments.current();
        assertThat(after.version()).isEqualTo(here.version());
        assertThat(after.waiting().get("mine").job()).as("read back").isNotSameAs(mine)
                .extracting(Job::state).isEqualTo(JobState.HELD);
        assertThat(after.waiting().get("theirs")).as("the other node's job is seen").isNotNull();
    }

    @Test
    void rolledBackInsert_leavesTheKeptSnapshotAsItWas() {
        lock.run(() -> commitments.current());
        try {
            lock.run(() -> {
                insert(here, "doomed");
                throw new IllegalStateException("fails after the write");
            });
        } catch (RuntimeException expected) {
            // rolled back
        }
        assertThat(commitments.current().waiting().get("doomed")).isNull();
        assertThat(commitments.current().waiting().all()).isEmpty();
    }

    private Job insert(JdbcJobRepository repository, String id) {
        Instant start = T0.plus(Duration.ofHours(6));
        StoredPlan plan = new StoredPlan(id, "HOLD", "DE", List.of(new StoredPlan.Segment("DE", start,
                start.plusSeconds(1200))), 95, 240, 0.6, "held until 12:00 UTC", "default v1", T0);
        Job job = new Job(id, "iris", JobKind.TRAIN, "research", JobState.SUBMITTED, Reason.sentence("submitted"), T0,
                T0.plus(Duration.ofHours(8)), Duration.ofMinutes(20), List.of("DE"), 0, true, 2, false,
                "/tmp/iris.yaml", "name: iris\n", null, null, null, null, null, 0, null, null, null, T0);
        return repository.insertPlanned(job, null, JobState.HELD, Reason.sentence("held until 12:00 UTC"), plan, T0);
    }
}
