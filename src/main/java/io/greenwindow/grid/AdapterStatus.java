package io.greenwindow.grid;

import io.greenwindow.grid.store.AdapterHealth;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@code greenwindow adapters} shows for one adapter. {@code health} is UP (last call succeeded or none
 * made yet), DOWN (last call failed, see {@code lastError}) or DISABLED (not configured, see {@code lastError}).
 * {@code consecutiveFailures} counts failed calls since the last success; {@code lastFallback} says what the chain
 * last did without this adapter, at {@code lastFallbackAt}. All of it is what was last known, on any node and
 * before a restart. {@code circuit} is the adapter's breaker (OPEN: no call before {@code openUntil}); {@code notBefore}
 * is when the provider's Retry-After lets it be called again, or null.
 */
public record AdapterStatus(
        String name,
        String kind,
        List<String> zones,
        int priority,
        Health health,
        Instant lastSuccess,
        Instant lastFailure,
        String lastError,
        int consecutiveFailures,
        Instant lastFallbackAt,
        String lastFallback,
        long requestsUsed,
        long requestBudget,
        AdapterHealth.Circuit circuit,
        Instant openUntil,
        Instant notBefore) {

    public enum Health { UP, DOWN, DISABLED }

    public AdapterStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(circuit, "circuit");
        zones = List.copyOf(zones);
    }
}
