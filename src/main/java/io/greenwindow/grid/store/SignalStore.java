package io.greenwindow.grid.store;

import io.greenwindow.grid.Signal;
import java.time.Instant;
import java.util.Optional;

/**
 * Where fetched signals are kept: every forecast with its generation time, and history for the ledger. Each
 * record call is one transaction, so a crash between fetch and store loses only what was not yet stored.
 */
public interface SignalStore {

    /** Keeps a forecast as fetched at {@code fetchedAt}. */
    void recordForecast(Signal forecast, Instant fetchedAt);

    /** The most recently generated forecast of {@code source} for {@code zone}, if any. */
    Optional<Signal> latestForecast(String zone, String source);

    /** When a forecast of {@code source} for {@code zone} was last stored (by any node), if ever. */
    Optional<Instant> lastForecastFetch(String zone, String source);

    /** The forecast of {@code source} for {@code zone} that was the newest at {@code asOf}, if any. */
    Optional<Signal> forecastKnownAt(String zone, String source, Instant asOf);

    /** Keeps history, replacing what the same source said before about the same intervals (providers revise). */
    void recordHistory(Signal history, Instant fetchedAt);

    /** Stored history of {@code source} for {@code zone} from the interval holding {@code from}, up to the first gap. */
    Optional<Signal> history(String zone, String source, Instant from, Instant to);

    /** Deletes forecasts generated before {@code before} (history is kept: the ledger needs it); returns how many. */
    int deleteForecastsGeneratedBefore(Instant before);

    /** A store that keeps nothing (the CLI's direct provider calls). */
    static SignalStore none() {
        return NoSignalStore.INSTANCE;
    }
}
