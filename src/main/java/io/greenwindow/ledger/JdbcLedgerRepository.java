package io.greenwindow.ledger;

import io.greenwindow.db.Database;
import io.greenwindow.db.DatabaseException;
import io.greenwindow.db.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The ledger in the service's database (table {@code ledger_entry}, migrations V40 and V41). */
public final class JdbcLedgerRepository implements LedgerRepository {

    /** Enough for many nodes racing on one PostgreSQL; each retry re-reads the head. */
    static final int MAX_APPEND_ATTEMPTS = 20;
    /**
     * Losing an append race: a duplicate seq or prev_hash (23505 on both databases), a serialisation failure
     * (40001), or H2's concurrent update of the same row (90131). Each means "re-read the head and try again".
     */
    private static final java.util.Set<String> LOST_RACE = java.util.Set.of("23505", "40001", "90131");
    private static final String COLUMNS = "seq, recorded_at, kind, status, job_id, team, zone, run_end, "
            + "completes_seq, content, prev_hash, hash";

    private final Jdbc jdbc;

    public JdbcLedgerRepository(Database db) {
        this.jdbc = new Jdbc(db.dataSource());
    }

    @Override
    public synchronized LedgerEntry append(Instant recordedAt, EntryContent content) {
        // Both columns are TIMESTAMP(6) at best; truncating first makes the hashed value the stored value.
        Instant at = recordedAt.truncatedTo(ChronoUnit.MILLIS);
        Instant runEnd = content.end().truncatedTo(ChronoUnit.MILLIS);
        String json = LedgerJson.write(content);
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbc.inTransaction(c -> {
                    List<String[]> head = Jdbc.query(c, "SELECT seq, hash FROM ledger_entry ORDER BY seq DESC LIMIT 1",
                            rs -> new String[] {rs.getString(1), rs.getString(2)});
                    long seq = head.isEmpty() ? 1 : Long.parseLong(head.get(0)[0]) + 1;
                    String prev = head.isEmpty() ? LedgerChain.GENESIS : head.get(0)[1];
                    LedgerRow row = new LedgerRow(seq, at, content.kind().name(), content.status().name(),
                            content.jobId(), content.team(), content.zone(), runEnd, content.completesSeq(), json,
                            prev, null);
                    String hash = LedgerChain.hashOf(row);
                    Jdbc.update(c, "INSERT INTO ledger_entry (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            seq, at, row.kind(), row.status(), row.jobId(), row.team(), row.zone(), runEnd,
                            row.completesSeq(), json, prev, hash);
                    return new LedgerEntry(seq, at, prev, hash, content);
                });
            } catch (DatabaseException e) {
                if (attempt >= MAX_APPEND_ATTEMPTS || !isLostRace(e)) {
                    throw e;
                }
                // Another node appended at the same head: read the new head and try again.
            }
        }
    }

    @Override
    public List<LedgerEntry> entries(LedgerQuery query) {
        return page(query, Long.MIN_VALUE, 0);
    }

    @Override
    public List<LedgerEntry> page(LedgerQuery query, long afterSeq, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM ledger_entry WHERE seq > ?");
        List<Object> params = new ArrayList<>();
        params.add(afterSeq);
        if (query.team() != null) {
            sql.append(" AND team = ?");
            params.add(query.team());
        }
        if (query.from() != null) {
            sql.append(" AND run_end >= ?");
            params.add(query.from());
        }
        if (query.to() != null) {
            sql.append(" AND run_end < ?");
            params.add(query.to());
        }
        sql.append(" ORDER BY seq");
        if (limit > 0) {
            sql.append(" LIMIT ").append(limit);
        }
        return toEntries(jdbc.query(sql.toString(), JdbcLedgerRepository::row, params.toArray()));
    }

    @Override
    public boolean hasJobEntry(String jobId) {
        return jdbc.queryOne("SELECT COUNT(*) AS n FROM ledger_entry WHERE job_id = ? AND kind = ?",
                rs -> rs.getLong("n"), jobId, EntryKind.JOB.name()).orElse(0L) > 0;
    }

    @Override
    public List<LedgerEntry> segmentsOf(String jobId) {
        return toEntries(jdbc.query("SELECT " + COLUMNS + " FROM ledger_entry WHERE job_id = ? AND kind = ? ORDER BY seq",
                JdbcLedgerRepository::row, jobId, EntryKind.SEGMENT.name()));
    }

    @Override
    public List<LedgerEntry> pendingWithoutCompletion() {
        // A PARTIAL_ENERGY entry may have complete carbon (for the energy it has) or pending carbon: its status
        // says only the first, so its figures tell.
        return toEntries(jdbc.query("SELECT " + COLUMNS + " FROM ledger_entry p WHERE p.status IN (?, ?) "
                        + "AND p.kind IN (?, ?) "
                        + "AND NOT EXISTS (SELECT 1 FROM ledger_entry c WHERE c.completes_seq = p.seq) ORDER BY p.seq",
                JdbcLedgerRepository::row, EntryStatus.PENDING.name(), EntryStatus.PARTIAL_ENERGY.name(),
                EntryKind.SEGMENT.name(), EntryKind.JOB.name())).stream()
                .filter(e -> e.content().carbon() == null || !e.content().carbon().complete()).toList();
    }

    @Override
    public List<LedgerRow> rowsInChainOrder() {
        return jdbc.query("SELECT " + COLUMNS + " FROM ledger_entry ORDER BY seq", JdbcLedgerRepository::row);
    }

    @Override
    public java.util.Optional<LedgerRow> newestRow() {
        return jdbc.query("SELECT " + COLUMNS + " FROM ledger_entry ORDER BY seq DESC LIMIT 1", JdbcLedgerRepository::row)
                .stream().findFirst();
    }

    private static List<LedgerEntry> toEntries(List<LedgerRow> rows) {
        return rows.stream().map(LedgerRow::toEntry).toList();
    }

    private static LedgerRow row(ResultSet rs) throws SQLException {
        long completes = rs.getLong("completes_seq");
        Long completesSeq = rs.wasNull() ? null : completes;
        return new LedgerRow(rs.getLong("seq"), Jdbc.instant(rs, "recorded_at"), rs.getString("kind"),
                rs.getString("status"), rs.getString("job_id"), rs.getString("team"), rs.getString("zone"),
                Jdbc.instant(rs, "run_end"), completesSeq, rs.getString("content"), rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    private static boolean isLostRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && LOST_RACE.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
