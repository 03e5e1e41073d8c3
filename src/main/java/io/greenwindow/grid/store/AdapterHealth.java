package io.greenwindow.grid.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What one adapter last did: its last success, its last failure with the reason, how many calls in a row have
 * failed since a success, and the last time the chain had to do without it (and what it did instead). Reasons
 * are the sentences shown to users, redacted of credentials before they get here.
 *
 * @param openUntil no call before this instant: the circuit opened after failures in a row (or a node holds the
 *                  half-open probe until then); null while the circuit is closed
 * @param notBefore the provider asked (Retry-After) not to be called before this instant, or null
 */
public record AdapterHealth(
        String adapter,
        Instant lastSuccess,
        Instant lastFailure,
        String lastError,
        int consecutiveFailures,
        Instant lastFallbackAt,
        String lastFallback,
        Instant openUntil,
        Instant notBefore) {

    /** A circuit breaker's states: calls go out, none go out, or one probe may go out. */
    public enum Circuit { CLOSED, OPEN, HALF_OPEN }

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

    /** Health with a closed circuit and no back-off asked. */
    public AdapterHealth(String adapter, Instant lastSuccess, Instant lastFailure, String lastError,
                         int consecutiveFailures, Instant lastFallbackAt, String lastFallback) {
        this(adapter, lastSuccess, lastFailure, lastError, consecutiveFailures, lastFallbackAt, lastFallback, null, null);
    }

    /** An adapter nothing is known about yet. */
    public static AdapterHealth unknown(String adapter) {
        return new AdapterHealth(adapter, null, null, null, 0, null, null);
    }

    /** A success closes the circuit. */
    public AdapterHealth succeeded(Instant at) {
        return new AdapterHealth(adapter, at, lastFailure, lastError, 0, lastFallbackAt, lastFallback, null, notBefore);
    }

    public AdapterHealth failed(Instant at, String reason) {
        return failed(at, reason, Integer.MAX_VALUE, null);
    }

    /** One more failure in a row; the circuit opens until {@code openUntilAt} once there are {@code openAfter}. */
    public AdapterHealth failed(Instant at, String reason, int openAfter, Instant openUntilAt) {
        int failures = consecutiveFailures + 1;
        Instant open = failures >= openAfter && openUntilAt != null ? openUntilAt : openUntil;
        return new AdapterHealth(adapter, lastSuccess, at, reason, failures, lastFallbackAt, lastFallback, open,
                notBefore);
    }

    public AdapterHealth fellBack(Instant at, String reason) {
        return new AdapterHealth(adapter, lastSuccess, lastFailure, lastError, consecutiveFailures, at, reason,
                openUntil, notBefore);
    }

    /** The provider asked not to be called before {@code at}; a later ask already known wins. */
    public AdapterHealth backOffUntil(Instant at) {
        Instant later = notBefore != null && notBefore.isAfter(at) ? notBefore : at;
        return new AdapterHealth(adapter, lastSuccess, lastFailure, lastError, consecutiveFailures, lastFallbackAt,
                lastFallback, openUntil, later);
    }

    /** This adapter's half-open probe is out until {@code until}: the circuit stays open to every other caller. */
    public AdapterHealth probing(Instant until) {
        return new AdapterHealth(adapter, lastSuccess, lastFailure, lastError, consecutiveFailures, lastFallbackAt,
                lastFallback, until, notBefore);
    }

    /** The circuit at {@code now}: closed, open (no call before {@link #openUntil}), or half-open (one probe). */
    public Circuit circuit(Instant now) {
        if (openUntil == null) {
            return Circuit.CLOSED;
        }
        return openUntil.isAfter(now) ? Circuit.OPEN : Circuit.HALF_OPEN;
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
