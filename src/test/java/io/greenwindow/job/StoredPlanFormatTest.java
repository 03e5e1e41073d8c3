package io.greenwindow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import io.greenwindow.db.TestDatabases;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The planned segments column's JSON across the change to one JSON mapper: versions before it wrote instants as
 * decimal seconds, it writes ISO-8601 strings, and plans stored either way are read.
 */
class StoredPlanFormatTest {

    private final Database database = TestDatabases.h2();
    private final JdbcJobRepository repository = new JdbcJobRepository(database);
    private final Jdbc jdbc = new Jdbc(database.dataSource());

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void plan_writtenByAnOlderVersion_withInstantsAsNumbers_isRead() {
        Instant start = Instant.parse("2026-03-02T14:00:00Z");
        repository.insert(JobRepositoryContract.job("j1", JobState.HELD));
        repository.savePlan(new StoredPlan("j1", "HOLD", "DE", List.of(new StoredPlan.Segment("DE", start,
                start.plusSeconds(1200))), 95.5, 240.0, 0.6, "held until 14:00 UTC", "default v1", start));
        // What the old mapper (JavaTimeModule with WRITE_DATES_AS_TIMESTAMPS on) wrote: 2026-03-02T14:00:00Z is
        // 1772460000 s after the epoch (20,514 days of 86,400 s = 1,772,409,600, plus 14 h = 50,400).
        jdbc.execute("UPDATE job_plans SET segments = ? WHERE job_id = ?",
                "[{\"zone\":\"DE\",\"start\":1772460000.000000000,\"end\":1772461200.000000000}]", "j1");

        assertThat(repository.plan("j1").orElseThrow().segments())
                .containsExactly(new StoredPlan.Segment("DE", start, start.plusSeconds(1200)));
    }

    @Test
    void plan_isWrittenWithIsoInstants() {
        Instant start = Instant.parse("2026-03-02T14:00:00Z");
        repository.insert(JobRepositoryContract.job("j1", JobState.HELD));
        repository.savePlan(new StoredPlan("j1", "HOLD", "DE", List.of(new StoredPlan.Segment("DE", start,
                start.plusSeconds(1200))), 95.5, 240.0, 0.6, "held until 14:00 UTC", "default v1", start));

        String stored = jdbc.queryOne("SELECT segments FROM job_plans WHERE job_id = ?", rs -> rs.getString(1), "j1")
                .orElseThrow();
        assertThat(stored).contains("\"start\":\"2026-03-02T14:00:00Z\"").contains("\"end\":\"2026-03-02T14:20:00Z\"");
    }
}
