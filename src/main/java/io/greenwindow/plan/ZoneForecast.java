package io.greenwindow.plan;

import io.greenwindow.grid.CarbonSignals;
import io.greenwindow.grid.ForecastResult;
import java.time.Instant;

/** A zone's forecast as a curve, or why there is none. */
record ZoneForecast(String zone, IntensityCurve curve, String unavailableReason) {

    boolean available() {
        return curve != null;
    }

    static ZoneForecast fetch(CarbonSignals signals, String zone, Instant from, Instant to) {
        ForecastResult result;
        try {
            result = signals.forecast(zone, from, to);
        } catch (RuntimeException e) {
            // The port promises not to throw for outages; if an adapter does anyway, plan as if unavailable.
            return new ZoneForecast(zone, null, "forecast failed: " + e.getMessage());
        }
        if (result instanceof ForecastResult.Forecast f) {
            if (f.signal().isEmpty()) {
                return new ZoneForecast(zone, null, "the forecast is empty");
            }
            return new ZoneForecast(zone, IntensityCurve.of(f.signal()), null);
        }
        ForecastResult.Unavailable u = (ForecastResult.Unavailable) result;
        return new ZoneForecast(zone, null, u.reason());
    }
}
