package io.greenwindow.grid.store;

import java.time.Instant;
import java.util.Map;

/**
 * Where each adapter's {@link AdapterHealth} is kept, so that a restarted service and every node of a cluster
 * report what was last known and share one circuit breaker per adapter. Each outcome is one statement on the
 * adapter's row: nodes add to the same count of failures in a row, and the last writer's time and reason win.
 */
public interface AdapterHealthStore {

    /** Every adapter's stored health, by adapter name. */
    Map<String, AdapterHealth> all();

    /** A call to {@code adapter} succeeded at {@code at}: failures in a row go back to zero, the circuit closes. */
    void recordSuccess(String adapter, Instant at);

    /**
     * A call to {@code adapter} failed at {@code at} for {@code reason}, one more failure in a row; when the count
     * reaches {@code openAfter}, the circuit opens until {@code openUntil}.
     */
    void recordFailure(String adapter, Instant at, String reason, int openAfter, Instant openUntil);

    /** A failure that never opens the circuit. */
    default void recordFailure(String adapter, Instant at, String reason) {
        recordFailure(adapter, at, reason, Integer.MAX_VALUE, null);
    }

    /** The chain did without {@code adapter} at {@code at}; {@code reason} says what it did instead and why. */
    void recordFallback(String adapter, Instant at, String reason);

    /** The provider asked (Retry-After) not to be called before {@code notBefore}; an earlier ask is replaced. */
    void recordNotBefore(String adapter, Instant notBefore);

    /**
     * Takes the half-open probe: true for exactly one caller (on any node) once the circuit's cool-down has passed
     * at {@code now}; that caller's probe holds the circuit open to others until {@code probeUntil}.
     */
    boolean claimProbe(String adapter, Instant now, Instant probeUntil);

    /** Health kept only in memory (the CLI's one-off calls, tests). */
    static AdapterHealthStore none() {
        return NoAdapterHealthStore.INSTANCE;
    }
}
