package io.greenwindow.grid.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What any database must do for {@link JdbcAdapterHealthStore}; run on H2 and on a real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AdapterHealthStoreContract {

    private static final Instant T0 = Instant.parse("2026-11-29T13:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-29T13:05:00Z");
    private static final Instant T2 = Instant.parse("2026-11-29T13:10:00Z");
    private Database db;
    private JdbcAdapterHealthStore store;

    abstract Database open();

    @BeforeAll
    void openDatabase() {
        db = open();
        store = new JdbcAdapterHealthStore(db);
    }

    @AfterAll
    void closeDatabase() {
        db.close();
    }

    @BeforeEach
    void empty() {
        new Jdbc(db.dataSource()).execute("DELETE FROM grid_adapter_health");
    }

    @Test
    void all_nothingRecorded_isEmpty() {
        assertThat(store.all()).isEmpty();
    }

    @Test
    void recordFailure_twiceAfterSuccess_keepsTheLastErrorWithItsTimeAndCountsBoth() {
        store.recordSuccess("em", T0);
        store.recordFailure("em", T1, "HTTP 500 after 3 attempts");
        store.recordFailure("em", T2, "timed out after 10 s");

        assertThat(store.all()).containsExactlyEntriesOf(java.util.Map.of("em",
                new AdapterHealth("em", T0, T2, "timed out after 10 s", 2, null, null)));
    }

    @Test
    void recordSuccess_afterFailures_resetsTheCountAndKeepsTheLastError() {
        store.recordFailure("em", T0, "HTTP 500");
        store.recordFailure("em", T1, "HTTP 500");
        store.recordSuccess("em", T2);

        assertThat(store.all().get("em")).isEqualTo(new AdapterHealth("em", T2, T1, "HTTP 500", 0, null, null));
    }

    @Test
    void recordFallback_firstOutcome_createsTheRowWithOnlyTheFallback() {
        store.recordFallback("em", T1, "DE: fell back to replay (HTTP 500)");

        assertThat(store.all().get("em"))
                .isEqualTo(new AdapterHealth("em", null, null, null, 0, T1, "DE: fell back to replay (HTTP 500)"));
    }

    @Test
    void all_severalAdapters_oneRowEach() {
        store.recordSuccess("replay", T0);
        store.recordFailure("em", T1, "HTTP 429");
        store.recordSuccess("replay", T2);

        assertThat(store.all()).containsOnlyKeys("em", "replay");
        assertThat(store.all().get("replay").lastSuccess()).isEqualTo(T2);
        long rows = new Jdbc(db.dataSource()).queryOne("SELECT COUNT(*) FROM grid_adapter_health", rs -> rs.getLong(1))
                .orElseThrow();
        assertThat(rows).isEqualTo(2);
    }

    @Test
    void recordFailure_twoStoresOnOneDatabase_countTogether() {
        // Two nodes: each one's failure adds to the same count.
        JdbcAdapterHealthStore other = new JdbcAdapterHealthStore(db);
        store.recordFailure("em", T0, "HTTP 500");
        other.recordFailure("em", T1, "HTTP 503");

        assertThat(store.all().get("em")).isEqualTo(new AdapterHealth("em", null, T1, "HTTP 503", 2, null, null));
    }

    @Test
    void recordFailure_reasonLongerThanTheColumn_isCutVisibly() {
        store.recordFailure("em", T0, "x".repeat(5000));

        String kept = store.all().get("em").lastError();
        assertThat(kept).hasSize(JdbcAdapterHealthStore.MAX_REASON).endsWith("…");
    }

    @Test
    void recordFailure_reachingTheThreshold_opensTheCircuitUntilTheGivenInstant() {
        Instant until = T2.plusSeconds(3600);
        store.recordFailure("em", T0, "HTTP 500", 2, T0.plusSeconds(3600));
        assertThat(store.all().get("em").openUntil()).isNull();
        // A second node's failure is the second in a row: the circuit opens, counted by the database.
        new JdbcAdapterHealthStore(db).recordFailure("em", T2, "HTTP 500", 2, until);

        AdapterHealth h = store.all().get("em");
        assertThat(h.openUntil()).isEqualTo(until);
        assertThat(h.circuit(T2)).isEqualTo(AdapterHealth.Circuit.OPEN);
        assertThat(h.circuit(until)).isEqualTo(AdapterHealth.Circuit.HALF_OPEN);
    }

    @Test
    void claimProbe_halfOpen_onlyTheFirstCallerGetsItAndASuccessCloses() {
        store.recordFailure("em", T0, "HTTP 500", 1, T1);
        assertThat(store.claimProbe("em", T0, T2)).as("still open").isFalse();
        assertThat(store.claimProbe("em", T1, T2)).isTrue();
        assertThat(new JdbcAdapterHealthStore(db).claimProbe("em", T1, T2)).isFalse();
        assertThat(store.all().get("em").openUntil()).isEqualTo(T2);

        store.recordSuccess("em", T2);
        assertThat(store.all().get("em").circuit(T2)).isEqualTo(AdapterHealth.Circuit.CLOSED);
        assertThat(store.claimProbe("em", T2, T2)).as("nothing to probe when closed").isFalse();
    }

    @Test
    void recordNotBefore_keepsTheLatestAsk() {
        store.recordNotBefore("em", T2);
        store.recordNotBefore("em", T1);
        assertThat(store.all().get("em").notBefore()).isEqualTo(T2);
    }

    @Test
    void recordFailure_manyWritersOnANewAdapterAtOnce_loseNoWrite() throws Exception {
        // A request thread, the background refresh and other nodes may all write the first row together.
        JdbcAdapterHealthStore other = new JdbcAdapterHealthStore(db);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        try {
            java.util.List<java.util.concurrent.Future<?>> writes = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                JdbcAdapterHealthStore s = i % 2 == 0 ? store : other;
                writes.add(pool.submit(() -> {
                    go.await();
                    s.recordFailure("new-one", T1, "HTTP 500");
                    return null;
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<?> w : writes) {
                w.get(1, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.all().get("new-one").consecutiveFailures()).isEqualTo(8);
    }
}
