package io.greenwindow.plan.sim;

import io.greenwindow.grid.CarbonSignals;
import io.greenwindow.grid.EmissionScope;
import io.greenwindow.grid.ForecastResult;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalKind;
import io.greenwindow.grid.SignalPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The port the planner reads, served from recorded traces: the forecast is the trace itself (perfect foresight)
 * or a noisy copy of it, generated "now" so that the planner sees only what lies ahead.
 */
public final class TraceSignals implements CarbonSignals {

    private final Map<String, Trace> forecasts;
    private final Map<String, Trace> actual;
    private final EmissionScope scope;

    public TraceSignals(Map<String, Trace> forecasts, Map<String, Trace> actual, EmissionScope scope) {
        this.forecasts = Map.copyOf(forecasts);
        this.actual = Map.copyOf(actual);
        this.scope = scope;
    }

    @Override
    public ForecastResult forecast(String zone, Instant from, Instant to) {
        Trace t = forecasts.get(zone);
        if (t == null) {
            return new ForecastResult.Unavailable(zone, "no trace for zone " + zone);
        }
        Optional<Signal> s = slice(t, from, to, from);
        return s.<ForecastResult>map(signal -> new ForecastResult.Forecast(signal, List.of()))
                .orElseGet(() -> new ForecastResult.Unavailable(zone, "the trace covers " + t.startInstant() + " to "
                        + Instant.ofEpochSecond(t.end()) + " only"));
    }

    @Override
    public Optional<Signal> history(String zone, Instant from, Instant to) {
        Trace t = actual.get(zone);
        return t == null ? Optional.empty() : slice(t, from, to, null);
    }

    private Optional<Signal> slice(Trace t, Instant from, Instant to, Instant generatedAt) {
        long a = Math.max(t.start(), from.getEpochSecond());
        long b = Math.min(t.end(), to.getEpochSecond());
        if (b <= a) {
            return Optional.empty();
        }
        int lo = (int) ((a - t.start()) / t.step());
        int hi = (int) ((b - 1 - t.start()) / t.step()) + 1;
        List<SignalPoint> points = new ArrayList<>(hi - lo);
        for (int k = lo; k < hi; k++) {
            points.add(new SignalPoint(Instant.ofEpochSecond(t.start() + k * t.step()), t.values()[k], false));
        }
        return Optional.of(new Signal(t.zone(), t.source(), SignalKind.AVERAGE, scope, Duration.ofSeconds(t.step()),
                generatedAt, points));
    }
}
