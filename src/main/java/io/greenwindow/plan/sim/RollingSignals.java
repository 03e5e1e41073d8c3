package io.greenwindow.plan.sim;

import io.greenwindow.grid.CarbonSignals;
import io.greenwindow.grid.EmissionScope;
import io.greenwindow.grid.ForecastResult;
import io.greenwindow.grid.Signal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The port the planner reads when forecasts roll: asked at any instant, it answers with the forecast issued at the
 * last full hour ({@link RollingForecast}), from that instant on. History is the recorded trace.
 */
final class RollingSignals implements CarbonSignals {

    private final Map<String, Trace> actual;
    private final RollingForecast model;
    private final EmissionScope scope;
    private final TraceSignals history;
    private final Map<String, Issue> latest = new HashMap<>();

    /** One issue's relative errors, per trace step from the slot it was issued in. */
    private record Issue(long at, double[] errors) {
    }

    RollingSignals(Map<String, Trace> actual, RollingForecast model, EmissionScope scope) {
        this.actual = Map.copyOf(actual);
        this.model = model;
        this.scope = scope;
        this.history = new TraceSignals(actual, actual, scope);
    }

    static long issueBefore(long epochSecond) {
        return Math.floorDiv(epochSecond, RollingForecast.ISSUE_EVERY_SECONDS) * RollingForecast.ISSUE_EVERY_SECONDS;
    }

    @Override
    public ForecastResult forecast(String zone, Instant from, Instant to) {
        Trace t = actual.get(zone);
        if (t == null) {
            return new ForecastResult.Unavailable(zone, "no trace for zone " + zone);
        }
        long issue = issueBefore(from.getEpochSecond());
        long a = Math.max(t.start(), from.getEpochSecond());
        long b = Math.min(t.end(), to.getEpochSecond());
        if (b <= a) {
            return history.forecast(zone, from, to); // says what the trace covers
        }
        int issueSlot = (int) Math.max(0, Math.floorDiv(issue - t.start(), t.step()));
        int lo = (int) ((a - t.start()) / t.step());
        int hi = (int) ((b - 1 - t.start()) / t.step()) + 1;
        double[] e = errors(zone, issue, t.step(), hi - issueSlot);
        double[] values = new double[hi - lo];
        for (int k = lo; k < hi; k++) {
            values[k - lo] = Math.max(0, t.values()[k] * (1 + e[k - issueSlot]));
        }
        Trace issued = new Trace(zone, t.source() + " forecast issued " + Instant.ofEpochSecond(issue) + " ("
                + model.label() + ")", t.start() + lo * t.step(), t.step(), values, 0);
        return new TraceSignals(Map.of(zone, issued), actual, scope).forecast(zone, from, to);
    }

    /** The same issue's errors for every caller: the path is drawn once and extended (same seed, same prefix). */
    private double[] errors(String zone, long issue, long step, int n) {
        Issue known = latest.get(zone);
        if (known == null || known.at() != issue || known.errors().length < n) {
            known = new Issue(issue, model.errors(zone, issue, step, Math.max(n, known != null && known.at() == issue
                    ? known.errors().length : 0)));
            latest.put(zone, known);
        }
        return known.errors();
    }

    @Override
    public Optional<Signal> history(String zone, Instant from, Instant to) {
        return history.history(zone, from, to);
    }
}
