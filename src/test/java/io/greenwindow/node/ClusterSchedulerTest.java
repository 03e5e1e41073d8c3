package io.greenwindow.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import io.greenwindow.db.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Work meant once per cluster per interval, as clustered Quartz jobs: two nodes (two schedulers, each with its own
 * connection pool) on one real PostgreSQL share each turn, never run it twice or at once, and one node going down
 * as a crash would leaves the other firing. Turns are counted from what the task itself saw, not from Quartz.
 */
class ClusterSchedulerTest {

    /** Short, so that a test sees many turns; the machine may be slow, so nothing below depends on it being met. */
    private static final Duration EVERY = Duration.ofMillis(400);
    /** Quick to notice the halted node, yet not so quick that a starved but live node is taken for dead. */
    private static final Duration CHECKIN = Duration.ofSeconds(2);
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    /** One turn as the task saw it: which node, the instant it was due, and when it ran (nanoTime of this JVM). */
    record Turn(String node, Instant due, long startNanos, long endNanos) {
    }

    private final List<Turn> turns = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    private ClusterWork counting(String node) {
        return new ClusterWork("count", EVERY, due -> {
            long start = System.nanoTime();
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(50); // widens the window in which a second, overlapping turn would show
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            turns.add(new Turn(node, due, start, System.nanoTime()));
        });
    }

    private ClusterScheduler node(Database db, String name) {
        return ClusterScheduler.start(db, new ClusterSchedulerConfig("test-cluster", name, CHECKIN),
                List.of(counting(name)));
    }

    /** What a test does with two started nodes, node-a and node-b, on one fresh PostgreSQL database. */
    private interface TwoNodes {
        void run(ClusterScheduler a, ClusterScheduler b) throws Exception;
    }

    private void onTwoNodes(TwoNodes body) throws Exception {
        String url = TestDatabases.postgresUrl();
        try (Database dbA = Database.open(url, "postgres", "postgres");
             Database dbB = Database.open(url, "postgres", "postgres");
             ClusterScheduler a = node(dbA, "node-a");
             ClusterScheduler b = node(dbB, "node-b")) {
            body.run(a, b);
        }
    }

    @Test
    void twoNodesOnOnePostgres_eachTurnRunsOnExactlyOneNode_neverTwoAtOnce() throws Exception {
        // Which node takes a turn is Quartz's race: one may take them all (both can: see the halt test).
        onTwoNodes((a, b) -> await(() -> turns.size() >= 12, "12 turns"));
        assertOneNodePerTurnAndNeverTwoAtOnce();
    }

    @Test
    void oneNodeHaltedAsInACrash_theOtherKeepsFiring_soBothNodesTakeTurns() throws Exception {
        onTwoNodes((a, b) -> {
            await(() -> turns.size() >= 3, "3 turns");
            // Halt whichever node ran the last turn, so the survivor must take over a trigger it did not hold.
            String victim = turns.get(turns.size() - 1).node();
            String survivor = victim.equals("node-a") ? "node-b" : "node-a";
            (victim.equals("node-a") ? a : b).halt();
            int before = turns.size();
            await(() -> turns.stream().skip(before).filter(t -> t.node().equals(survivor)).count() >= 5,
                    "5 turns on " + survivor + " after " + victim + " halted");
            long byVictimAfter = turns.stream().skip(before).filter(t -> t.node().equals(victim)).count();
            assertThat(byVictimAfter).as("turns of the halted node after its halt (at most one under way)")
                    .isLessThanOrEqualTo(1);
        });
        assertThat(nodesSeen()).containsExactlyInAnyOrder("node-a", "node-b");
        assertOneNodePerTurnAndNeverTwoAtOnce();
    }

    @Test
    void nodesStartingAtOnce_andRestarts_storeOneTrigger_andAChangedIntervalReplacesIt() throws Exception {
        String url = TestDatabases.postgresUrl();
        try (Database dbA = Database.open(url, "postgres", "postgres");
             Database dbB = Database.open(url, "postgres", "postgres")) {
            ExecutorService starters = Executors.newFixedThreadPool(2);
            List<Future<ClusterScheduler>> started = new ArrayList<>();
            try {
                started.add(starters.submit(() -> node(dbA, "node-a")));
                started.add(starters.submit(() -> node(dbB, "node-b")));
                for (Future<ClusterScheduler> f : started) {
                    f.get().close(); // neither failed
                }
            } finally {
                starters.shutdown();
            }
            assertThat(storedIntervals(dbA)).containsExactly(EVERY.toMillis());

            node(dbA, "node-a").close(); // a restart finds everything stored
            assertThat(storedIntervals(dbA)).containsExactly(EVERY.toMillis());

            Duration longer = Duration.ofMinutes(15);
            try (ClusterScheduler changed = ClusterScheduler.start(dbB, new ClusterSchedulerConfig("test-cluster",
                    "node-b", CHECKIN), List.of(new ClusterWork("count", longer, due -> { })))) {
                assertThat(storedIntervals(dbB)).containsExactly(longer.toMillis());
            }
        }
    }

    @Test
    void restartOnAnH2File_firesAgain(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (Database db = Database.embedded(dir); ClusterScheduler first = node(db, "solo")) {
            await(() -> !turns.isEmpty(), "a turn before the restart");
        }
        int before = turns.size();
        try (Database db = Database.embedded(dir); ClusterScheduler again = node(db, "solo")) {
            await(() -> turns.size() >= before + 2, "2 turns after the restart");
            assertThat(storedIntervals(db)).containsExactly(EVERY.toMillis());
        }
        assertOneNodePerTurnAndNeverTwoAtOnce();
    }

    private Set<String> nodesSeen() {
        return turns.stream().map(Turn::node).collect(Collectors.toSet());
    }

    private void assertOneNodePerTurnAndNeverTwoAtOnce() {
        List<Turn> all = new ArrayList<>(turns);
        assertThat(all.stream().map(Turn::due).distinct().count()).as("every due turn ran once, on one node: %s", all)
                .isEqualTo(all.size());
        all.sort(Comparator.comparingLong(Turn::startNanos));
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).startNanos()).as("turn %s started after %s ended", all.get(i), all.get(i - 1))
                    .isGreaterThanOrEqualTo(all.get(i - 1).endNanos());
        }
        assertThat(mostAtOnce.get()).as("turns running at once").isEqualTo(1);
    }

    private static List<Long> storedIntervals(Database db) {
        return new Jdbc(db.dataSource()).query("SELECT t.repeat_interval FROM qrtz_simple_triggers t "
                + "WHERE t.sched_name = 'test-cluster' AND t.trigger_name = 'count'", rs -> rs.getLong(1));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited " + PATIENCE + " for " + what);
            }
            Thread.sleep(50);
        }
    }
}
