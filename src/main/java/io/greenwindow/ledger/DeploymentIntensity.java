package io.greenwindow.ledger;

import io.greenwindow.grid.CarbonSignals;
import java.time.Duration;
import java.time.Instant;

/** The intensity a deployment zone is assumed to have over the model's life, and where it comes from. */
record DeploymentIntensity(Double gPerKwh, String basis) {

    static DeploymentIntensity unknown(String why) {
        return new DeploymentIntensity(null, why);
    }

    /**
     * The zone's mean over {@code window} of history up to {@code now}, else over the next day's forecast. The
     * projected load is flat over the model's life, so the time-weighted mean of intensities is here the
     * energy-weighted one.
     */
    static DeploymentIntensity of(CarbonSignals signals, Instant now, Duration window, String zone) {
        Instant from = now.minus(window);
        var history = signals.history(zone, from, now);
        if (history.isPresent() && !history.get().isEmpty()) {
            var s = history.get();
            double mean = s.points().stream().mapToDouble(p -> p.gPerKwh()).average().orElseThrow();
            return new DeploymentIntensity(mean, String.format(java.util.Locale.ROOT,
                    "time-weighted mean of %s %s history (%s, %s) from %s to %s, %d intervals", s.kind().name().toLowerCase(),
                    zone, s.source(), s.scope().name().toLowerCase(), s.start(), s.end(), s.points().size()));
        }
        var forecast = signals.forecast(zone, now, now.plus(Duration.ofDays(1)));
        if (forecast instanceof io.greenwindow.grid.ForecastResult.Forecast f && !f.signal().isEmpty()) {
            var s = f.signal();
            double mean = s.points().stream().mapToDouble(p -> p.gPerKwh()).average().orElseThrow();
            return new DeploymentIntensity(mean, "forecast average of " + zone + " (" + s.source() + ") from "
                    + s.start() + " to " + s.end() + ": no history was known");
        }
        return DeploymentIntensity.unknown("No history or forecast for the deployment zone " + zone);
    }
}
