package io.greenwindow.grid.store;

import java.time.Instant;
import java.util.Map;

/**
 * Where each adapter's {@link AdapterHealth} is kept, so that a restarted service and every node of a cluster
 * report what was last known. Each outcome is one statement on the adapter's row: nodes add to the same count of
 * failures in a row, and the last writer's time and reason win.
 */
public interface AdapterHealthStore {

    /** Every adapter's stored health, by adapter name. */
    Map<String, AdapterHealth> all();

    /** A call to {@code adapter} succeeded at {@code at}: failures in a row go back to zero. */
    void recordSuccess(String adapter, Instant at);

    /** A call to {@code adapter} failed at {@code at} for {@code reason}, one more failure in a row. */
    void recordFailure(String adapter, Instant at, String reason);

    /** The chain did without {@code adapter} at {@code at}; {@code reason} says what it did instead and why. */
    void recordFallback(String adapter, Instant at, String reason);

    /** Health kept only in memory (the CLI's one-off calls, tests). */
    static AdapterHealthStore none() {
        return NoAdapterHealthStore.INSTANCE;
    }
}
