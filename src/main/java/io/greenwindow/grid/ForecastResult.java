package io.greenwindow.grid;

import java.util.List;
import java.util.Objects;

/**
 * A forecast that could be had, or why not. An unavailable forecast is an expected outcome, not an exception:
 * the caller (the planner) falls back to its policy and records the reason.
 */
public sealed interface ForecastResult permits ForecastResult.Forecast, ForecastResult.Unavailable {

    /** A usable forecast; {@code fallbacks} lists, in order, the providers skipped to get it and why. */
    record Forecast(Signal signal, List<String> fallbacks) implements ForecastResult {
        public Forecast {
            Objects.requireNonNull(signal, "signal");
            fallbacks = List.copyOf(fallbacks);
        }
    }

    /** No usable forecast for the zone: every provider failed or its forecast is too stale. */
    record Unavailable(String zone, String reason) implements ForecastResult {
        public Unavailable {
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
