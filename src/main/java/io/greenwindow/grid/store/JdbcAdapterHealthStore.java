package io.greenwindow.grid.store;

import io.greenwindow.db.Database;
import io.greenwindow.db.DatabaseException;
import io.greenwindow.db.Jdbc;
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
        ensureRow(adapter);
        jdbc.inTransaction(c -> {
            return Jdbc.update(c, "UPDATE grid_adapter_health SET last_success = ?, consecutive_failures = 0,"
                    + " open_until = NULL WHERE adapter = ?", at, adapter);
        });
    }

    @Override
    public void recordFailure(String adapter, Instant at, String reason, int openAfter, Instant openUntil) {
        ensureRow(adapter);
        jdbc.inTransaction(c -> {
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
        ensureRow(adapter);
        jdbc.inTransaction(c -> {
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
        ensureRow(adapter);
        jdbc.inTransaction(c -> {
            return Jdbc.update(c, "UPDATE grid_adapter_health SET last_fallback_at = ?, last_fallback = ?"
                    + " WHERE adapter = ?", at, cut(reason), adapter);
        });
    }

    /**
     * Inserts the adapter's empty row unless there is one (portable between H2 and PostgreSQL), in a transaction of
     * its own: when two writers (a request and the background refresh, or two nodes) insert the same new adapter
     * at once, the loser's key violation is expected and its update then finds the winner's row.
     */
    private void ensureRow(String adapter) {
        if (jdbc.queryOne("SELECT 1 FROM grid_adapter_health WHERE adapter = ?", rs -> 1, adapter).isPresent()) {
            return;
        }
        try {
            jdbc.execute("INSERT INTO grid_adapter_health (adapter, consecutive_failures) VALUES (?, 0)", adapter);
        } catch (DatabaseException e) {
            if (jdbc.queryOne("SELECT 1 FROM grid_adapter_health WHERE adapter = ?", rs -> 1, adapter).isEmpty()) {
                throw e;
            }
        }
    }

    private static String cut(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
    }
}
