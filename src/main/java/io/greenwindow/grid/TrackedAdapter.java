package io.greenwindow.grid;

import io.greenwindow.grid.store.AdapterHealth;
import io.greenwindow.grid.store.AdapterHealthStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An adapter in the chain with what happened to it lately, for {@code greenwindow adapters}, and its circuit
 * breaker. A disabled adapter (no credentials, switched off) has no {@link GridAdapter} and says why. Each outcome
 * is kept in memory and in the {@link AdapterHealthStore}; a write that fails is logged and lost, never the
 * caller's failure. Every reason is redacted of the adapter's credentials before it is kept or logged.
 */
final class TrackedAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(TrackedAdapter.class);
    /** How long a half-open probe holds the circuit for itself: longer than any call may take. */
    static final Duration PROBE_HOLD = Duration.ofMinutes(2);

    private final AdapterDefinition definition;
    private final GridAdapter adapter;
    private final String disabledReason;
    private final AdapterHealthStore store;
    private final Redactor redactor;
    private AdapterHealth health;

    private TrackedAdapter(AdapterDefinition definition, GridAdapter adapter, String disabledReason,
                           AdapterHealthStore store, AdapterHealth known, Redactor redactor) {
        this.definition = definition;
        this.adapter = adapter;
        this.disabledReason = disabledReason;
        this.store = store;
        this.redactor = redactor;
        this.health = known == null ? AdapterHealth.unknown(definition.name()) : known;
    }

    static TrackedAdapter enabled(AdapterDefinition definition, GridAdapter adapter) {
        return enabled(definition, adapter, AdapterHealthStore.none(), null, Redactor.patterns());
    }

    /**
     * An adapter whose outcomes go to {@code store}, starting from what it last knew ({@code knownOrNull}), whose
     * reasons {@code redactor} cleans of its credentials.
     */
    static TrackedAdapter enabled(AdapterDefinition definition, GridAdapter adapter, AdapterHealthStore store,
                                  AdapterHealth knownOrNull, Redactor redactor) {
        return new TrackedAdapter(definition, adapter, null, store, knownOrNull, redactor);
    }

    static TrackedAdapter disabled(AdapterDefinition definition, String reason) {
        return new TrackedAdapter(definition, null, reason, AdapterHealthStore.none(), null, Redactor.patterns());
    }

    AdapterDefinition definition() {
        return definition;
    }

    GridAdapter adapter() {
        return adapter;
    }

    String name() {
        return definition.name();
    }

    boolean isEnabled() {
        return adapter != null;
    }

    boolean serves(String zone) {
        return isEnabled() && definition.zones().containsKey(zone);
    }

    /** {@code text} without this adapter's credentials, fit to be logged, stored or shown. */
    String redact(String text) {
        return redactor.redact(text);
    }

    void succeeded(Instant at) {
        synchronized (this) {
            health = health.succeeded(at);
        }
        write(() -> store.recordSuccess(name(), at));
    }

    /**
     * A success on the request path (a local trace asked directly): written at most once per {@code every} while
     * nothing failed in between, so that a busy service does not write a health row on every request.
     */
    void succeededOnRequest(Instant at, Duration every) {
        synchronized (this) {
            Instant last = health.lastSuccess();
            boolean recent = last != null && !at.isBefore(last) && at.isBefore(last.plus(every));
            if (recent && lastErrorIfDown() == null) {
                return;
            }
        }
        succeeded(at);
    }

    /** A failed call: one more in a row, and the circuit opens for the cool-down once there are enough. */
    void failed(Instant at, String reason) {
        String clean = redact(reason);
        // Only a remote provider has a breaker: a local trace costs nothing to ask again.
        int openAfter = adapter != null && adapter.remote() ? definition.breakerFailures() : Integer.MAX_VALUE;
        Instant openUntil = at.plus(definition.breakerCoolDown());
        synchronized (this) {
            health = health.failed(at, clean, openAfter, openUntil);
        }
        write(() -> store.recordFailure(name(), at, clean, openAfter, openUntil));
    }

    /** The chain did without this adapter; {@code reason} says what it used instead. */
    void fellBack(Instant at, String reason) {
        String clean = redact(reason);
        synchronized (this) {
            health = health.fellBack(at, clean);
        }
        write(() -> store.recordFallback(name(), at, clean));
    }

    /** The provider asked (Retry-After) not to be called before {@code notBefore}: remembered by every node. */
    void backOffUntil(Instant notBefore) {
        synchronized (this) {
            health = health.backOffUntil(notBefore);
        }
        write(() -> store.recordNotBefore(name(), notBefore));
    }

    /**
     * Whether a call to the provider may go out at {@code now}: null when it may, else why not (the provider's
     * Retry-After has not passed, the circuit is open, or another node holds the half-open probe). Decided on what
     * the database says when it can be read (every node's calls), else on this node's own view.
     */
    String refusal(Instant now) {
        AdapterHealth h = current();
        if (h.notBefore() != null && h.notBefore().isAfter(now)) {
            return "the provider asked not to be called before " + h.notBefore() + " (Retry-After)";
        }
        return switch (h.circuit(now)) {
            case CLOSED -> null;
            case OPEN -> "circuit open after " + h.consecutiveFailures() + " failures in a row; next try at "
                    + h.openUntil();
            case HALF_OPEN -> claimProbe(now) ? null : "circuit half-open; another caller is probing";
        };
    }

    private boolean claimProbe(Instant now) {
        Instant until = now.plus(PROBE_HOLD);
        boolean claimed;
        try {
            claimed = store.claimProbe(name(), now, until);
        } catch (RuntimeException e) {
            LOG.warn("Could not claim the probe of adapter {} in the database; probing from this node: {}", name(),
                    e.getMessage());
            claimed = true;
        }
        if (claimed) {
            synchronized (this) {
                health = health.probing(until);
            }
        }
        return claimed;
    }

    private AdapterHealth current() {
        try {
            Map<String, AdapterHealth> all = store.all();
            AdapterHealth shared = all.get(name());
            if (shared != null) {
                return shared;
            }
        } catch (RuntimeException e) {
            LOG.warn("Cannot read the stored health of adapter {}: {}", name(), e.getMessage());
        }
        synchronized (this) {
            return health;
        }
    }

    private void write(Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            LOG.warn("Could not store the health of adapter {}: {}", name(), e.getMessage());
        }
    }

    /**
     * The last error when the last call failed, else null; from this node's memory, so that the request path
     * reads nothing more for it.
     */
    synchronized String lastErrorIfDown() {
        boolean down = health.lastFailure() != null
                && (health.lastSuccess() == null || health.lastFailure().isAfter(health.lastSuccess()));
        return down ? health.lastError() : null;
    }

    /** The status from this node's own view. */
    AdapterStatus status(Instant now) {
        return status(null, now);
    }

    /**
     * The status from the newer of this node's view and {@code sharedOrNull}, what the database says (other nodes,
     * earlier runs). This node's view wins when the database missed its last write.
     */
    synchronized AdapterStatus status(AdapterHealth sharedOrNull, Instant now) {
        List<String> zones = new ArrayList<>(definition.zones().keySet());
        zones.sort(null);
        if (!isEnabled()) {
            return new AdapterStatus(name(), definition.kind(), zones, definition.priority(),
                    AdapterStatus.Health.DISABLED, null, null, disabledReason, 0, null, null, 0,
                    definition.requestBudget(), AdapterHealth.Circuit.CLOSED, null, null);
        }
        AdapterHealth h = newer(health, sharedOrNull);
        boolean down = h.lastFailure() != null && (h.lastSuccess() == null || h.lastFailure().isAfter(h.lastSuccess()));
        Instant notBefore = h.notBefore() != null && h.notBefore().isAfter(now) ? h.notBefore() : null;
        return new AdapterStatus(name(), definition.kind(), zones, definition.priority(),
                down ? AdapterStatus.Health.DOWN : AdapterStatus.Health.UP, h.lastSuccess(), h.lastFailure(),
                redact(h.lastError()), h.consecutiveFailures(), h.lastFallbackAt(), redact(h.lastFallback()),
                adapter.requestsUsed(), adapter.requestBudget(), h.circuit(now), h.openUntil(), notBefore);
    }

    private static AdapterHealth newer(AdapterHealth mine, AdapterHealth shared) {
        if (shared == null || shared.latest() == null) {
            return mine;
        }
        return mine.latest() != null && mine.latest().isAfter(shared.latest()) ? mine : shared;
    }
}
