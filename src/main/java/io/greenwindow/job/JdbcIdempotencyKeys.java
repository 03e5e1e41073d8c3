package io.greenwindow.job;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import java.time.Instant;
import java.util.Optional;

/** {@link IdempotencyKeys} in the service's database; the primary key on the key keeps each key once. */
public final class JdbcIdempotencyKeys implements IdempotencyKeys {

    private final Jdbc jdbc;

    public JdbcIdempotencyKeys(Database database) {
        this.jdbc = new Jdbc(database.dataSource());
    }

    @Override
    public Optional<Stored> find(String key) {
        return jdbc.queryOne("SELECT idem_key, request_hash, job_id, created_at FROM idempotency_keys WHERE idem_key = ?",
                rs -> new Stored(rs.getString("idem_key"), rs.getString("request_hash"), rs.getString("job_id"),
                        Jdbc.instant(rs, "created_at")), key);
    }

    @Override
    public void record(String key, String requestHash, String jobId, Instant at) {
        jdbc.inTransaction(c -> {
            if (Jdbc.update(c, "UPDATE idempotency_keys SET request_hash = ?, job_id = ?, created_at = ? "
                    + "WHERE idem_key = ? AND job_id IS NULL", requestHash, jobId, at, key) == 0) {
                recordNew(key, requestHash, jobId, at);
            }
            return null;
        });
    }

    @Override
    public void recordNew(String key, String requestHash, String jobId, Instant at) {
        jdbc.execute("INSERT INTO idempotency_keys (idem_key, request_hash, job_id, created_at) VALUES (?,?,?,?)",
                key, requestHash, jobId, at);
    }
}
