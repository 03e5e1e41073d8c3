package io.greenwindow.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.grid.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release queue on a clock the test moves: nothing fires before its instant, everything due fires once, on a
 * node of its zone with room, and it all survives a restart. Polls are called by hand (the background poll runs
 * once an hour here), so no test waits on time.
 */
class ReleaseSchedulerTest {

    private static final Duration RARELY = Duration.ofHours(1);

    record Fired(ReleaseAction action, String jobId, int segment) {
    }

    private final SettableClock clock = SettableClock.at("2026-03-01T12:00:00Z");
    private final List<Fired> fired = new CopyOnWriteArrayList<>();
    private final ReleaseHandler handler = (action, jobId, segment) -> fired.add(new Fired(action, jobId, segment));

    private ReleaseScheduler start(Database db, String zone, ReleaseHandler h) {
        return ReleaseScheduler.start(db, new ReleaseSchedulerConfig(zone, RARELY), clock, h);
    }

    @Test
    void schedule_firesAtItsInstantOnTheServiceClock_notBefore_onH2() {
        try (Database db = TestDatabases.h2(); ReleaseScheduler s = start(db, null, handler)) {
            s.schedule("j1", ReleaseAction.RELEASE, 0, clock.instant().plus(Duration.ofHours(2)));

            clock.advance(Duration.ofMinutes(119));
            assertThat(s.poll()).isZero();
            clock.advance(Duration.ofMinutes(1));
            assertThat(s.poll()).isEqualTo(1);

            assertThat(fired).containsExactly(new Fired(ReleaseAction.RELEASE, "j1", 0));
            assertThat(s.scheduled("j1")).isEmpty();
            assertThat(s.poll()).as("taken once").isZero();
        }
    }

    @Test
    void release_isTakenOnlyByANodeOfItsZone_andOnlyOnce_onPostgres() {
        try (Database db = TestDatabases.postgres();
             ReleaseScheduler de = start(db, "DE", handler);
             ReleaseScheduler gb1 = start(db, "GB", handler);
             ReleaseScheduler gb2 = start(db, "GB", handler)) {
            de.schedule("g", ReleaseAction.RELEASE, 0, clock.instant(), "GB", 0);

            assertThat(de.poll()).as("DE never takes a GB release").isZero();
            assertThat(gb1.poll() + gb2.poll()).isEqualTo(1);
            assertThat(fired).containsExactly(new Fired(ReleaseAction.RELEASE, "g", 0));
        }
    }

    @Test
    void release_withoutRoom_staysQueuedUntilTheHandlerHasRoom() {
        AtomicBoolean room = new AtomicBoolean(false);
        ReleaseHandler picky = new ReleaseHandler() {
            @Override
            public void fire(ReleaseAction action, String jobId, int segment) {
                fired.add(new Fired(action, jobId, segment));
            }

            @Override
            public boolean canTake(ReleaseAction action, String jobId, int segment, int gpus) {
                return room.get();
            }
        };
        try (Database db = TestDatabases.h2(); ReleaseScheduler s = start(db, "DE", picky)) {
            s.schedule("busy", ReleaseAction.RELEASE, 0, clock.instant(), "DE", 2);
            assertThat(s.poll()).isZero();
            assertThat(s.scheduled("busy")).singleElement().satisfies(r -> assertThat(r.zone()).isEqualTo("DE"));

            room.set(true);
            assertThat(s.poll()).isEqualTo(1);
            assertThat(fired).containsExactly(new Fired(ReleaseAction.RELEASE, "busy", 0));
        }
    }

    @Test
    void queue_survivesRestart_andAMissedReleaseFiresAtOnce(@TempDir Path dir) {
        Instant later = clock.instant().plus(Duration.ofDays(1));
        try (Database db = Database.embedded(dir); ReleaseScheduler s = start(db, null, handler)) {
            s.schedule("held", ReleaseAction.RELEASE, 0, later);
            s.schedule("missed", ReleaseAction.RELEASE, 0, clock.instant().plusSeconds(3));
        }
        clock.advance(Duration.ofHours(1));

        try (Database db = Database.embedded(dir); ReleaseScheduler s = start(db, null, handler)) {
            s.poll();
            assertThat(fired).containsExactly(new Fired(ReleaseAction.RELEASE, "missed", 0));
            assertThat(s.scheduled("held")).singleElement().satisfies(r -> assertThat(r.at()).isEqualTo(later));
        }
    }

    @Test
    void unscheduleAll_removesEveryReleaseOfTheJobOnly() {
        try (Database db = TestDatabases.h2(); ReleaseScheduler s = start(db, null, handler)) {
            Instant t = clock.instant().plus(Duration.ofHours(1));
            s.schedule("a", ReleaseAction.RELEASE, 0, t);
            s.schedule("a", ReleaseAction.PAUSE, 0, t.plusSeconds(60));
            s.schedule("b", ReleaseAction.RELEASE, 0, t);

            s.unscheduleAll("a");

            assertThat(s.scheduled("a")).isEmpty();
            assertThat(s.scheduled("b")).hasSize(1);
        }
    }

    @Test
    void schedule_again_replacesTheSameRelease() {
        try (Database db = TestDatabases.h2(); ReleaseScheduler s = start(db, null, handler)) {
            Instant first = clock.instant().plus(Duration.ofHours(1));
            s.schedule("a", ReleaseAction.RELEASE, 0, first);
            s.schedule("a", ReleaseAction.RELEASE, 0, first.plusSeconds(600));

            assertThat(s.scheduled("a")).singleElement()
                    .satisfies(r -> assertThat(r.at()).isEqualTo(first.plusSeconds(600)));
        }
    }
}
