package io.greenwindow.grid.store;

import io.greenwindow.db.Database;
import io.greenwindow.db.DatabaseException;
import io.greenwindow.db.Jdbc;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * {@link RequestCounts} in {@code grid_request_count} ({@code V11__grid_request_counts.sql}). Every change is one
 * conditional UPDATE ({@code used = used + 1 WHERE used < limit}, or a new period guarded by the old one's start),
 * so that nodes sharing the database count together and never overwrite each other; the database's row lock
 * orders concurrent increments. A lost race (another node rolled the period or inserted the row) is tried again.
 */
public final class JdbcRequestCounts implements RequestCounts {

    /** More than enough: each retry means another node changed the row between our read and our write. */
    private static final int MAX_RACES = 20;

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
    public boolean tryAcquire(String adapter, long limit, Duration period, Instant now) {
        for (int race = 0; race < MAX_RACES; race++) {
            Optional<Count> current = load(adapter);
            if (current.isEmpty()) {
                if (insertFirst(adapter, now)) {
                    return true;
                }
                continue;
            }
            Instant start = current.get().periodStart();
            if (!now.isBefore(start.plus(period))) {
                // A new period, counted from this request; only one node moves the start from this value.
                Instant next = RequestCounts.periodHolding(start, period, now);
                if (jdbc.execute("UPDATE grid_request_count SET period_start = ?, used = 1"
                        + " WHERE adapter = ? AND period_start = ?", next, adapter, start) == 1) {
                    return true;
                }
                continue;
            }
            int taken = limit > 0
                    ? jdbc.execute("UPDATE grid_request_count SET used = used + 1"
                            + " WHERE adapter = ? AND period_start = ? AND used < ?", adapter, start, limit)
                    : jdbc.execute("UPDATE grid_request_count SET used = used + 1"
                            + " WHERE adapter = ? AND period_start = ?", adapter, start);
            if (taken == 1) {
                return true;
            }
            Optional<Count> after = load(adapter);
            if (after.isPresent() && after.get().periodStart().equals(start)) {
                return false; // the same period, full
            }
        }
        throw new DatabaseException("The request count of " + adapter + " kept changing under " + MAX_RACES
                + " attempts to take one", null);
    }

    /** The adapter's first request; false when another node inserted the row first. */
    private boolean insertFirst(String adapter, Instant now) {
        try {
            // Whole milliseconds: what both databases store exactly, so the start compares equal when read back.
            jdbc.execute("INSERT INTO grid_request_count (adapter, period_start, used) VALUES (?, ?, 1)",
                    adapter, now.truncatedTo(ChronoUnit.MILLIS));
            return true;
        } catch (DatabaseException duplicate) {
            if (load(adapter).isEmpty()) {
                throw duplicate; // not a race: the database refused for another reason
            }
            return false;
        }
    }
}
