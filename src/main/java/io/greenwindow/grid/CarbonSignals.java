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
}
