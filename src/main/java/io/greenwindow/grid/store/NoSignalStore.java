package io.greenwindow.grid.store;

import io.greenwindow.grid.Signal;
import java.time.Instant;
import java.util.Optional;

/** Keeps nothing: for one-off provider calls from the CLI, where there is no database. */
enum NoSignalStore implements SignalStore {
    INSTANCE;

    @Override
    public void recordForecast(Signal forecast, Instant fetchedAt) {
    }

    @Override
    public Optional<Signal> latestForecast(String zone, String source) {
        return Optional.empty();
    }

    @Override
    public Optional<Instant> lastForecastFetch(String zone, String source) {
        return Optional.empty();
    }

    @Override
    public Optional<Signal> forecastKnownAt(String zone, String source, Instant asOf) {
        return Optional.empty();
    }

    @Override
    public int deleteForecastsGeneratedBefore(Instant before) {
        return 0;
    }

    @Override
    public void recordHistory(Signal history, Instant fetchedAt) {
    }

    @Override
    public Optional<Signal> history(String zone, String source, Instant from, Instant to) {
        return Optional.empty();
    }
}
