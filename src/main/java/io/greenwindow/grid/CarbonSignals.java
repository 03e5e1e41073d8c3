package io.greenwindow.grid;

import java.time.Instant;
import java.util.Optional;

/**
 * The port through which the planner, the service and the ledger read grid signals. Implementations fetch from
 * the configured adapters (with fallbacks), store what they fetch, and never throw for an expected outage.
 */
public interface CarbonSignals {

    /** The freshest usable forecast covering as much of [from, to) as is known. */
    ForecastResult forecast(String zone, Instant from, Instant to);

    /** What the grid really was over [from, to), for accounting; empty when no history is known yet. */
    Optional<Signal> history(String zone, Instant from, Instant to);

    /**
     * The source (adapter name) whose history is the zone's own: the first enabled adapter serving the zone with
     * an average signal. History from any other source is a substitute, which the ledger never uses silently.
     * Empty when nothing is configured to say (then any source is the zone's own).
     */
    default Optional<String> configuredHistorySource(String zone) {
        return Optional.empty();
    }
}
