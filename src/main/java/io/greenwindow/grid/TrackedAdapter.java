package io.greenwindow.grid;

import io.greenwindow.grid.store.AdapterHealth;
import io.greenwindow.grid.store.AdapterHealthStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An adapter in the chain with what happened to it lately, for {@code greenwindow adapters}. A disabled adapter
 * (no credentials, switched off) has no {@link GridAdapter} and says why. Each outcome is kept in memory and in
 * the {@link AdapterHealthStore}; a write that fails is logged and lost, never the caller's failure.
 */
final class TrackedAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(TrackedAdapter.class);

    private final AdapterDefinition definition;
    private final GridAdapter adapter;
    private final String disabledReason;
    private final AdapterHealthStore store;
    private AdapterHealth health;

    private TrackedAdapter(AdapterDefinition definition, GridAdapter adapter, String disabledReason,
                           AdapterHealthStore store, AdapterHealth known) {
        this.definition = definition;
        this.adapter = adapter;
        this.disabledReason = disabledReason;
        this.store = store;
        this.health = known == null ? AdapterHealth.unknown(definition.name()) : known;
    }

    static TrackedAdapter enabled(AdapterDefinition definition, GridAdapter adapter) {
        return enabled(definition, adapter, AdapterHealthStore.none(), null);
    }

    /** An adapter whose outcomes go to {@code store}, starting from what it last knew ({@code knownOrNull}). */
    static TrackedAdapter enabled(AdapterDefinition definition, GridAdapter adapter, AdapterHealthStore store,
                                  AdapterHealth knownOrNull) {
        return new TrackedAdapter(definition, adapter, null, store, knownOrNull);
    }

    static TrackedAdapter disabled(AdapterDefinition definition, String reason) {
        return new TrackedAdapter(definition, null, reason, AdapterHealthStore.none(), null);
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

    void succeeded(Instant at) {
        synchronized (this) {
            health = health.succeeded(at);
        }
        write(() -> store.recordSuccess(name(), at));
    }

    void failed(Instant at, String reason) {
        synchronized (this) {
            health = health.failed(at, reason);
        }
        write(() -> store.recordFailure(name(), at, reason));
    }

    /** The chain did without this adapter; {@code reason} says what it used instead. */
    void fellBack(Instant at, String reason) {
        synchronized (this) {
            health = health.fellBack(at, reason);
        }
        write(() -> store.recordFallback(name(), at, reason));
    }

    private void write(Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            LOG.warn("Could not store the health of adapter {}: {}", name(), e.getMessage());
        }
    }

    /** The status from this node's own view. */
    AdapterStatus status() {
        return status(null);
    }

    /**
     * The status from the newer of this node's view and {@code sharedOrNull}, what the database says (other nodes,
     * earlier runs). This node's view wins when the database missed its last write.
     */
    synchronized AdapterStatus status(AdapterHealth sharedOrNull) {
        List<String> zones = new ArrayList<>(definition.zones().keySet());
        zones.sort(null);
        if (!isEnabled()) {
            return new AdapterStatus(name(), definition.kind(), zones, definition.priority(),
                    AdapterStatus.Health.DISABLED, null, null, disabledReason, 0, null, null, 0,
                    definition.requestBudget());
        }
        AdapterHealth h = newer(health, sharedOrNull);
        boolean down = h.lastFailure() != null && (h.lastSuccess() == null || h.lastFailure().isAfter(h.lastSuccess()));
        return new AdapterStatus(name(), definition.kind(), zones, definition.priority(),
                down ? AdapterStatus.Health.DOWN : AdapterStatus.Health.UP, h.lastSuccess(), h.lastFailure(),
                h.lastError(), h.consecutiveFailures(), h.lastFallbackAt(), h.lastFallback(),
                adapter.requestsUsed(), adapter.requestBudget());
    }

    private static AdapterHealth newer(AdapterHealth mine, AdapterHealth shared) {
        if (shared == null || shared.latest() == null) {
            return mine;
        }
        return mine.latest() != null && mine.latest().isAfter(shared.latest()) ? mine : shared;
    }
}
