package io.greenwindow.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseSchedulerTest {

    record Fired(ReleaseAction action, String jobId, int segment) {
    }

    private final BlockingQueue<Fired> fired = new LinkedBlockingQueue<>();
    private final ReleaseHandler handler = (action, jobId, segment) -> fired.add(new Fired(action, jobId, segment));

    @Test
    void schedule_firesAtTheInstant_onH2() throws Exception {
        try (Database db = TestDatabases.h2();
             ReleaseScheduler scheduler = ReleaseScheduler.start(db, ReleaseSchedulerConfig.defaults(), Clock.systemUTC(), handler)) {
            scheduler.schedule("j1", ReleaseAction.RELEASE, 0, Instant.now().plusMillis(300));

            assertThat(fired.poll(20, TimeUnit.SECONDS)).isEqualTo(new Fired(ReleaseAction.RELEASE, "j1", 0));
            // Quartz deletes a fired one-shot trigger just after the job returns.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!scheduler.scheduled("j1").isEmpty() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(scheduler.scheduled("j1")).isEmpty();
        }
    }

    @Test
    void schedule_firesOnPostgres() throws Exception {
        try (Database db = TestDatabases.postgres();
             ReleaseScheduler scheduler = ReleaseScheduler.start(db, new ReleaseSchedulerConfig("gw-pg", true, 2),
                     Clock.systemUTC(), handler)) {
            scheduler.schedule("j2", ReleaseAction.PAUSE, 3, Instant.now().plusMillis(200));

            assertThat(fired.poll(20, TimeUnit.SECONDS)).isEqualTo(new Fired(ReleaseAction.PAUSE, "j2", 3));
        }
    }

    @Test
    void trigger_survivesRestart_andMissedOneFiresAtOnce(@TempDir Path dir) throws Exception {
        Instant later = Instant.now().plus(Duration.ofDays(1));
        Instant soon;
        try (Database db = Database.embedded(dir);
             ReleaseScheduler scheduler = ReleaseScheduler.start(db, ReleaseSchedulerConfig.defaults(), Clock.systemUTC(), handler)) {
            soon = Instant.now().plusSeconds(3);
            scheduler.schedule("held", ReleaseAction.RELEASE, 0, later);
            scheduler.schedule("missed", ReleaseAction.RELEASE, 0, soon);
        }
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), soon).toMillis()) + 500);
        assertThat(fired).isEmpty();

        try (Database db = Database.embedded(dir);
             ReleaseScheduler scheduler = ReleaseScheduler.start(db, ReleaseSchedulerConfig.defaults(), Clock.systemUTC(), handler)) {
            assertThat(fired.poll(20, TimeUnit.SECONDS)).isEqualTo(new Fired(ReleaseAction.RELEASE, "missed", 0));
            assertThat(scheduler.scheduled("held")).singleElement()
                    .satisfies(r -> assertThat(r.at()).isEqualTo(later));
        }
    }

    @Test
    void unscheduleAll_removesEveryTriggerOfTheJobOnly() {
        try (Database db = TestDatabases.h2();
             ReleaseScheduler scheduler = ReleaseScheduler.start(db, ReleaseSchedulerConfig.defaults(), Clock.systemUTC(), handler)) {
            Instant t = Instant.now().plus(Duration.ofHours(1));
            scheduler.schedule("a", ReleaseAction.RELEASE, 0, t);
            scheduler.schedule("a", ReleaseAction.PAUSE, 0, t.plusSeconds(60));
            scheduler.schedule("b", ReleaseAction.RELEASE, 0, t);

            scheduler.unscheduleAll("a");

            assertThat(scheduler.scheduled("a")).isEmpty();
            assertThat(scheduler.scheduled("b")).hasSize(1);
        }
    }

    @Test
    void schedule_onAShiftedServiceClock_keepsTheDelay() throws Exception {
        Clock shifted = Clock.offset(Clock.systemUTC(), Duration.ofDays(-300));
        try (Database db = TestDatabases.h2();
             ReleaseScheduler scheduler = ReleaseScheduler.start(db, ReleaseSchedulerConfig.defaults(), shifted, handler)) {
            scheduler.schedule("j1", ReleaseAction.RELEASE, 0, shifted.instant().plusMillis(500));
            assertThat(fired.poll(20, TimeUnit.SECONDS)).isNotNull();
        }
    }
}
