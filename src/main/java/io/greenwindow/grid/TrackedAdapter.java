package io.greenwindow.grid;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An adapter in the chain with what happened to it lately, for {@code greenwindow adapters}. A disabled adapter
 * (no credentials, switched off) has no {@link GridAdapter} and says why.
 */
final class TrackedAdapter {

    private final AdapterDefinition definition;
    private final GridAdapter adapter;
    private final String disabledReason;
    private Instant lastSuccess;
    private Instant lastFailure;
    private String lastError;

    private TrackedAdapter(AdapterDefinition definition, GridAdapter adapter, String disabledReason) {
        this.definition = definition;
        this.adapter = adapter;
        this.disabledReason = disabledReason;
    }

    static TrackedAdapter enabled(AdapterDefinition definition, GridAdapter adapter) {
        return new TrackedAdapter(definition, adapter, null);
    }

    static TrackedAdapter disabled(AdapterDefinition definition, String reason) {
        return new TrackedAdapter(definition, null, reason);
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

    synchronized void succeeded(Instant at) {
        lastSuccess = at;
    }

    synchronized void failed(Instant at, String reason) {
        lastFailure = at;
        lastError = reason;
    }

    synchronized AdapterStatus status() {
        List<String> zones = new ArrayList<>(definition.zones().keySet());
        zones.sort(null);
        if (!isEnabled()) {
            return new AdapterStatus(name(), definition.kind(), zones, definition.priority(),
                    AdapterStatus.Health.DISABLED, null, null, disabledReason, 0, definition.requestBudget());
        }
        boolean down = lastFailure != null && (lastSuccess == null || lastFailure.isAfter(lastSuccess));
        return new AdapterStatus(name(), definition.kind(), zones, definition.priority(),
                down ? AdapterStatus.Health.DOWN : AdapterStatus.Health.UP, lastSuccess, lastFailure, lastError,
                adapter.requestsUsed(), adapter.requestBudget());
    }
}
