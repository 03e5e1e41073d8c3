package io.greenwindow.job;

import io.greenwindow.db.Database;
import io.greenwindow.db.DatabaseException;
import io.greenwindow.db.Jdbc;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** {@link IdempotencyKeys} in the service's database; the primary key on the key makes a claim exclusive. */
public final class JdbcIdempotencyKeys implements IdempotencyKeys {

    private final Jdbc jdbc;

    public JdbcIdempotencyKeys(Database database) {
        this.jdbc = new Jdbc(database.dataSource());
    }

    @Override
    public boolean claim(String key, String requestHash, Instant at) {
        try {
            return jdbc.execute("INSERT INTO idempotency_keys (idem_key, request_hash, job_id, created_at) VALUES (?,?,NULL,?)",
                    key, requestHash, at) == 1;
        } catch (DatabaseException e) {
            if (isDuplicate(e) || find(key).isPresent()) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<Stored> find(String key) {
        return jdbc.queryOne("SELECT idem_key, request_hash, job_id, created_at FROM idempotency_keys WHERE idem_key = ?",
                rs -> new Stored(rs.getString("idem_key"), rs.getString("request_hash"), rs.getString("job_id"),
                        Jdbc.instant(rs, "created_at")), key);
    }

    @Override
    public void complete(String key, String jobId) {
        jdbc.execute("UPDATE idempotency_keys SET job_id = ? WHERE idem_key = ? AND job_id IS NULL", jobId, key);
    }

    @Override
    public void release(String key) {
        jdbc.execute("DELETE FROM idempotency_keys WHERE idem_key = ? AND job_id IS NULL", key);
    }

    @Override
    public boolean takeOver(String key, Instant claimedBefore, Instant at) {
        return jdbc.execute("UPDATE idempotency_keys SET created_at = ? WHERE idem_key = ? AND job_id IS NULL"
                + " AND created_at < ?", at, key, claimedBefore) == 1;
    }

    /** SQLState class 23 is an integrity constraint violation: here, the key is taken. */
    private static boolean isDuplicate(DatabaseException e) {
        return e.getCause() instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23");
    }
}
