package io.greenwindow.job;

import java.time.Instant;
import java.util.Optional;

/** Where the idempotency keys of submissions are kept: each key once, with the job its first request stored. */
public interface IdempotencyKeys {

    /** A key as stored; {@code jobId} is null while its first request is still storing the job. */
    record Stored(String key, String requestHash, String jobId, Instant createdAt) {
    }

    /**
     * Takes {@code key} for a request with {@code requestHash}; one statement, so of two requests with the same
     * key exactly one gets true.
     */
    boolean claim(String key, String requestHash, Instant at);

    Optional<Stored> find(String key);

    /** Records the job the claimed key's request stored. */
    void complete(String key, String jobId);

    /** Gives a claimed key back when its request stored nothing (the spec was refused, say). */
    void release(String key);

    /**
     * Takes over a key whose first request claimed it before {@code claimedBefore} and never stored a job (its
     * service stopped midway); true for exactly one caller.
     */
    boolean takeOver(String key, Instant claimedBefore, Instant at);
}
