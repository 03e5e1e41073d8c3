package io.greenwindow.grid.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What any database must do for {@link JdbcRequestCounts}, run on H2 and on a real PostgreSQL: one budget shared
 * by every node, each request counted once however many nodes take them at the same moment.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RequestCountsContract {

    private static final Instant T0 = Instant.parse("2026-11-29T13:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);
    private Database db;

    abstract Database open();

    @BeforeAll
    void openDatabase() {
        db = open();
    }

    @AfterAll
    void closeDatabase() {
        db.close();
    }

    @BeforeEach
    void empty() {
        new Jdbc(db.dataSource()).execute("DELETE FROM grid_request_count");
    }

    @Test
    void tryAcquire_firstRequest_startsThePeriodAtOne() {
        JdbcRequestCounts counts = new JdbcRequestCounts(db);
        assertThat(counts.load("em")).isEmpty();
        assertThat(counts.tryAcquire("em", 5, DAY, T0)).isTrue();
        assertThat(counts.load("em")).contains(new RequestCounts.Count(T0, 1));
    }

    @Test
    void tryAcquire_atTheLimit_refusesUntilTheNextPeriod() {
        JdbcRequestCounts counts = new JdbcRequestCounts(db);
        for (int i = 0; i < 3; i++) {
            assertThat(counts.tryAcquire("em", 3, DAY, T0.plusSeconds(i))).isTrue();
        }
        assertThat(counts.tryAcquire("em", 3, DAY, T0.plus(Duration.ofHours(23)))).isFalse();
        assertThat(counts.load("em")).contains(new RequestCounts.Count(T0, 3));
        // Two and a half days later: the third period, which began at T0 + 2 days, holds this one request.
        assertThat(counts.tryAcquire("em", 3, DAY, T0.plus(Duration.ofHours(60)))).isTrue();
        assertThat(counts.load("em")).contains(new RequestCounts.Count(T0.plus(Duration.ofDays(2)), 1));
    }

    @Test
    void tryAcquire_unlimited_countsEveryRequest() {
        JdbcRequestCounts counts = new JdbcRequestCounts(db);
        for (int i = 0; i < 7; i++) {
            assertThat(counts.tryAcquire("gb", -1, DAY, T0)).isTrue();
        }
        assertThat(counts.load("gb").orElseThrow().used()).isEqualTo(7);
    }

    @Test
    void tryAcquire_twoNodesFromManyThreads_countsEachRequestExactlyOnce() throws Exception {
        // GIVEN two nodes (two stores) on one database, 8 threads each taking 25 requests at once: 400 in all
        List<Boolean> taken = race(new JdbcRequestCounts(db), new JdbcRequestCounts(db), -1);

        // THEN every one was counted, none twice and none lost
        assertThat(taken).hasSize(400).containsOnly(true);
        assertThat(new JdbcRequestCounts(db).load("em").orElseThrow().used()).isEqualTo(400);
    }

    @Test
    void tryAcquire_twoNodesRacingForTheLastRequests_neverOverspend() throws Exception {
        // The same race against a budget of 150: exactly 150 requests are allowed, whoever asks first.
        List<Boolean> taken = race(new JdbcRequestCounts(db), new JdbcRequestCounts(db), 150);

        assertThat(taken.stream().filter(t -> t).count()).isEqualTo(150);
        assertThat(new JdbcRequestCounts(db).load("em").orElseThrow().used()).isEqualTo(150);
    }

    /** 16 threads, half on each node, released together, each taking 25 requests; the outcome of each. */
    private static List<Boolean> race(JdbcRequestCounts nodeA, JdbcRequestCounts nodeB, long limit) throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<List<Boolean>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                JdbcRequestCounts node = t % 2 == 0 ? nodeA : nodeB;
                futures.add(pool.submit(() -> {
                    go.await();
                    List<Boolean> mine = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        mine.add(node.tryAcquire("em", limit, DAY, T0));
                    }
                    return mine;
                }));
            }
            go.countDown();
            List<Boolean> all = new ArrayList<>();
            for (Future<List<Boolean>> f : futures) {
                all.addAll(f.get(2, TimeUnit.MINUTES));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}
