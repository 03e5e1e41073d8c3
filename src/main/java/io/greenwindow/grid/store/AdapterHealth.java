package io.greenwindow.grid.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What one adapter last did: its last success, its last failure with the reason, how many calls in a row have
 * failed since a success, and the last time the chain had to do without it (and what it did instead). Reasons
 * are the sentences shown to users; they never carry credentials.
 */
public record AdapterHealth(
        String adapter,
        Instant lastSuccess,
        Instant lastFailure,
        String lastError,
        int consecutiveFailures,
        Instant lastFallbackAt,
        String lastFallback) {

    public AdapterHealth {
        Objects.requireNonNull(adapter, "adapter");
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("Consecutive failures " + consecutiveFailures + " of " + adapter
                    + " must not be negative");
        }
        if ((lastFailure == null) != (lastError == null)) {
            throw new IllegalArgumentException("A failure of " + adapter + " needs both its time and its reason, not "
                    + lastFailure + " / " + lastError);
        }
        if ((lastFallbackAt == null) != (lastFallback == null)) {
            throw new IllegalArgumentException("A fallback from " + adapter + " needs both its time and its reason, not "
                    + lastFallbackAt + " / " + lastFallback);
        }
    }

    /** An adapter nothing is known about yet. */
    public static AdapterHealth unknown(String adapter) {
        return new AdapterHealth(adapter, null, null, null, 0, null, null);
    }

    public AdapterHealth succeeded(Instant at) {
        return new AdapterHealth(adapter, at, lastFailure, lastError, 0, lastFallbackAt, lastFallback);
    }

    public AdapterHealth failed(Instant at, String reason) {
        return new AdapterHealth(adapter, lastSuccess, at, reason, consecutiveFailures + 1, lastFallbackAt, lastFallback);
    }

    public AdapterHealth fellBack(Instant at, String reason) {
        return new AdapterHealth(adapter, lastSuccess, lastFailure, lastError, consecutiveFailures, at, reason);
    }

    /** The time of the newest thing known, or null: which of two views of the same adapter is more recent. */
    public Instant latest() {
        Instant latest = null;
        for (Instant i : new Instant[] {lastSuccess, lastFailure, lastFallbackAt}) {
            if (i != null && (latest == null || i.isAfter(latest))) {
                latest = i;
            }
        }
        return latest;
    }
}
