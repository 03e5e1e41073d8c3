package io.greenwindow.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.grid.SettableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Work meant once per cluster per interval runs on one node: the lease holder's. */
class ClusterLeaseTest {

    private final SettableClock clock = SettableClock.at("2026-03-01T12:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(15);

    @Test
    void oneHolderPerInterval_onH2() {
        try (Database db = TestDatabases.h2()) {
            holdsOncePerInterval(db);
        }
    }

    @Test
    void oneHolderPerInterval_onPostgres() {
        try (Database db = TestDatabases.postgres()) {
            holdsOncePerInterval(db);
        }
    }

    private void holdsOncePerInterval(Database db) {
        ClusterLease a = new ClusterLease(db, "periodic", "a", clock);
        ClusterLease b = new ClusterLease(db, "periodic", "b", clock);

        assertThat(a.acquire(INTERVAL)).isTrue();
        assertThat(b.acquire(INTERVAL)).as("held by a").isFalse();
        clock.advance(Duration.ofMinutes(14));
        assertThat(b.acquire(INTERVAL)).as("still held by a").isFalse();
        assertThat(a.acquire(INTERVAL)).as("a renews").isTrue();
        clock.advance(Duration.ofMinutes(15)); // a stopped renewing: its lease ran out
        assertThat(b.acquire(INTERVAL)).isTrue();
        assertThat(a.acquire(INTERVAL)).isFalse();
        assertThat(new ClusterLease(db, "news", "a", clock).acquire(INTERVAL)).as("leases are by name").isTrue();
    }

    @Test
    void nodesRacingForANewLease_exactlyOneGetsIt_onPostgres() throws Exception {
        try (Database db = TestDatabases.postgres()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<Boolean>> racers = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    ClusterLease lease = new ClusterLease(db, "race", "node-" + i, clock);
                    racers.add(() -> lease.acquire(INTERVAL));
                }
                int holders = 0;
                for (Future<Boolean> f : pool.invokeAll(racers)) {
                    holders += f.get() ? 1 : 0;
                }
                assertThat(holders).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
