package io.greenwindow.grid.store;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link AdapterHealthStore} in {@code grid_adapter_health} ({@code V12__adapter_health.sql}). */
public final class JdbcAdapterHealthStore implements AdapterHealthStore {

    /** The reason columns' width; a longer reason (a provider's long error body) is cut, visibly. */
    static final int MAX_REASON = 2000;

    private final Jdbc jdbc;

    public JdbcAdapterHealthStore(Database db) {
        this.jdbc = new Jdbc(db.dataSource());
    }

    @Override
    public Map<String, AdapterHealth> all() {
        Map<String, AdapterHealth> byName = new LinkedHashMap<>();
        jdbc.query("SELECT adapter, last_success, last_failure, last_error, consecutive_failures, last_fallback_at,"
                        + " last_fallback, open_until, not_before FROM grid_adapter_health ORDER BY adapter",
                rs -> new AdapterHealth(rs.getString("adapter"), Jdbc.instant(rs, "last_success"),
                        Jdbc.instant(rs, "last_failure"), rs.getString("last_error"), rs.getInt("consecutive_failures"),
                        Jdbc.instant(rs, "last_fallback_at"), rs.getString("last_fallback"),
                        Jdbc.instant(rs, "open_until"), Jdbc.instant(rs, "not_before")))
                .forEach(h -> byName.put(h.adapter(), h));
        return byName;
    }

    @Override
    public void recordSuccess(String adapter, Instant at) {
        jdbc.inTransaction(c -> {
            ensureRow(c, adapter);
            return Jdbc.update(c, "UPDATE grid_adapter_health SET last_success = ?, consecutive_failures = 0,"
                    + " open_until = NULL WHERE adapter = ?", at, adapter);
        });
    }

    @Override
    public void recordFailure(String adapter, Instant at, String reason, int openAfter, Instant openUntil) {
        jdbc.inTransaction(c -> {
            ensureRow(c, adapter);
            if (openUntil == null) {
                return Jdbc.update(c, "UPDATE grid_adapter_health SET last_failure = ?, last_error = ?,"
                        + " consecutive_failures = consecutive_failures + 1 WHERE adapter = ?", at, cut(reason), adapter);
            }
            // One statement, so that failures counted by several nodes open the circuit at the same count.
            return Jdbc.update(c, "UPDATE grid_adapter_health SET last_failure = ?, last_error = ?,"
                    + " consecutive_failures = consecutive_failures + 1,"
                    + " open_until = CASE WHEN consecutive_failures + 1 >= ? THEN ? ELSE open_until END"
                    + " WHERE adapter = ?", at, cut(reason), openAfter, openUntil, adapter);
        });
    }

    @Override
    public void recordNotBefore(String adapter, Instant notBefore) {
        jdbc.inTransaction(c -> {
            ensureRow(c, adapter);
            return Jdbc.update(c, "UPDATE grid_adapter_health SET not_before = ?"
                    + " WHERE adapter = ? AND (not_before IS NULL OR not_before < ?)", notBefore, adapter, notBefore);
        });
    }

    @Override
    public boolean claimProbe(String adapter, Instant now, Instant probeUntil) {
        // Whoever moves open_until forward first holds the probe; the others see the circuit open again.
        return jdbc.execute("UPDATE grid_adapter_health SET open_until = ?"
                + " WHERE adapter = ? AND open_until IS NOT NULL AND open_until <= ?", probeUntil, adapter, now) == 1;
    }

    @Override
    public void recordFallback(String adapter, Instant at, String reason) {
        jdbc.inTransaction(c -> {
            ensureRow(c, adapter);
            return Jdbc.update(c, "UPDATE grid_adapter_health SET last_fallback_at = ?, last_fallback = ?"
                    + " WHERE adapter = ?", at, cut(reason), adapter);
        });
    }

    /**
     * Inserts the adapter's empty row unless there is one (portable between H2 and PostgreSQL). Two nodes inserting
     * the same new adapter at once: one fails on the key, and its caller logs that write as lost.
     */
    private static void ensureRow(Connection c, String adapter) throws SQLException {
        if (Jdbc.query(c, "SELECT 1 FROM grid_adapter_health WHERE adapter = ?", rs -> 1, adapter).isEmpty()) {
            Jdbc.update(c, "INSERT INTO grid_adapter_health (adapter, consecutive_failures) VALUES (?, 0)", adapter);
        }
    }

    private static String cut(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
    }
}
