package io.greenwindow.service;

import io.greenwindow.grid.CarbonSignals;
import io.greenwindow.grid.ForecastResult;
import io.greenwindow.grid.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Forecasts a test sets zone by zone ({@link #put}); a zone without one is unavailable, and there is no history. */
final class MapForecasts implements CarbonSignals {

    private final Map<String, Signal> byZone = new ConcurrentHashMap<>();

    void put(String zone, Signal forecast) {
        byZone.put(zone, forecast);
    }

    @Override
    public ForecastResult forecast(String zone, Instant from, Instant to) {
        Signal s = byZone.get(zone);
        return s == null ? new ForecastResult.Unavailable(zone, "test: none") : new ForecastResult.Forecast(s, List.of());
    }

    @Override
    public Optional<Signal> history(String zone, Instant from, Instant to) {
        return Optional.empty();
    }
}
