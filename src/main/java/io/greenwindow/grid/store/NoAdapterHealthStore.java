package io.greenwindow.grid.store;

import java.time.Instant;
import java.util.Map;

/** Keeps nothing: for one-off provider calls from the CLI, where there is no database. */
enum NoAdapterHealthStore implements AdapterHealthStore {
    INSTANCE;

    @Override
    public Map<String, AdapterHealth> all() {
        return Map.of();
    }

    @Override
    public void recordSuccess(String adapter, Instant at) {
    }

    @Override
    public void recordFailure(String adapter, Instant at, String reason, int openAfter, Instant openUntil) {
    }

    @Override
    public void recordFallback(String adapter, Instant at, String reason) {
    }

    @Override
    public void recordNotBefore(String adapter, Instant notBefore) {
    }

    /** With nothing shared, the caller's own view decides (see TrackedAdapter). */
    @Override
    public boolean claimProbe(String adapter, Instant now, Instant probeUntil) {
        return true;
    }
}
