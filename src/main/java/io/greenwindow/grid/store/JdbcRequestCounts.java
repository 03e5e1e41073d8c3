package io.greenwindow.grid.store;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import java.util.Optional;

/** {@link RequestCounts} in {@code grid_request_count} ({@code V11__grid_request_counts.sql}). */
public final class JdbcRequestCounts implements RequestCounts {

    private final Jdbc jdbc;

    public JdbcRequestCounts(Database db) {
        this.jdbc = new Jdbc(db.dataSource());
    }

    @Override
    public Optional<Count> load(String adapter) {
        return jdbc.queryOne("SELECT period_start, used FROM grid_request_count WHERE adapter = ?",
                rs -> new Count(Jdbc.instant(rs, "period_start"), rs.getLong("used")), adapter);
    }

    @Override
    public void save(String adapter, Count count) {
        // UPDATE then INSERT: portable between H2 and PostgreSQL, in one transaction.
        jdbc.inTransaction(c -> {
            int n = Jdbc.update(c, "UPDATE grid_request_count SET period_start = ?, used = ? WHERE adapter = ?",
                    count.periodStart(), count.used(), adapter);
            if (n == 0) {
                Jdbc.update(c, "INSERT INTO grid_request_count (adapter, period_start, used) VALUES (?, ?, ?)",
                        adapter, count.periodStart(), count.used());
            }
            return null;
        });
    }
}
