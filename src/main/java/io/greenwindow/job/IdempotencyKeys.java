package io.greenwindow.job;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the idempotency keys of submissions are kept: each key once, with the job its first request stored. The
 * caller writes a key in the transaction that stores its job, so that both are stored or neither.
 */
public interface IdempotencyKeys {

    /**
     * A key as stored. {@code jobId} is null only for a claim an earlier version of the service made before storing
     * its job (in a transaction of its own) and never completed.
     */
    record Stored(String key, String requestHash, String jobId, Instant createdAt) {
    }

    Optional<Stored> find(String key);

    /** Records that {@code key}'s request ({@code requestHash}) stored {@code jobId}; replaces a claim never completed. */
    void record(String key, String requestHash, String jobId, Instant at);

    /** As {@link #record}, for a key that {@link #find} just found absent in the same transaction: only inserted. */
    void recordNew(String key, String requestHash, String jobId, Instant at);
}
