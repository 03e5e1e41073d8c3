package io.greenwindow.grid;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One provider (or offline trace) turned into signals. Implementations may throw {@link GridFetchException}
 * for an expected failure (outage, bad answer, spent budget); {@link FallbackSignals} turns it into a value with
 * its reason, so that nothing above the grid package sees an exception for an outage.
 */
public interface GridAdapter extends AutoCloseable {

    /** The adapter's name from its definition file, shown as a signal's source. */
    String name();

    /** The adapter kind (replay, electricitymaps, watttime, gb, carbon-aware-sdk). */
    String kind();

    /** greenwindow zone → the provider's own code for it (a zone id, region, region id or trace file). */
    Map<String, String> zones();

    /** The provider's forecast for {@code zone} clipped to [from, to); never empty when it returns. */
    Signal forecast(String zone, Instant from, Instant to);

    /** What the grid was over [from, to); empty when the provider keeps no history. */
    Optional<Signal> history(String zone, Instant from, Instant to);

    /** Average for most providers; marginal for WattTime's MOER. */
    default SignalKind signalKind() {
        return SignalKind.AVERAGE;
    }

    /** Whether the adapter reaches a network service (whose answers are worth storing) or reads local data. */
    boolean remote();

    /** Requests sent in the current budget period; 0 for local adapters. */
    default long requestsUsed() {
        return 0;
    }

    /** The request budget per period, or -1 when unlimited. */
    default long requestBudget() {
        return -1;
    }

    @Override
    default void close() {
    }
}
