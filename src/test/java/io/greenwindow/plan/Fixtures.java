package io.greenwindow.plan;

import io.greenwindow.grid.CarbonSignals;
import io.greenwindow.grid.EmissionScope;
import io.greenwindow.grid.ForecastResult;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalKind;
import io.greenwindow.grid.SignalPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hand-made forecasts behind the real port, and a clock tests can move. */
final class Fixtures {

    static final Instant MIDNIGHT = Instant.parse("2026-03-02T00:00:00Z");

    private Fixtures() {
    }

    static Instant at(String hhmm) {
        return Instant.parse("2026-03-02T" + hhmm + ":00Z");
    }

    static Signal hourly(String zone, double... values) {
        return signal(zone, MIDNIGHT, Duration.ofHours(1), values);
    }

    static Signal signal(String zone, Instant start, Duration step, double... values) {
        List<SignalPoint> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(SignalPoint.of(start.plus(step.multipliedBy(i)), values[i]));
        }
        return new Signal(zone, "test", SignalKind.AVERAGE, EmissionScope.LIFECYCLE, step, MIDNIGHT, points);
    }

    /** A CarbonSignals port over fixed forecasts; zones without one are unavailable with a stated reason. */
    static final class FixedSignals implements CarbonSignals {
        private final Map<String, Signal> forecasts = new HashMap<>();
        int calls;

        FixedSignals with(Signal s) {
            forecasts.put(s.zone(), s);
            return this;
        }

        @Override
        public ForecastResult forecast(String zone, Instant from, Instant to) {
            calls++;
            Signal s = forecasts.get(zone);
            return s == null ? new ForecastResult.Unavailable(zone, "provider answered 503")
                    : new ForecastResult.Forecast(s, List.of());
        }

        @Override
        public Optional<Signal> history(String zone, Instant from, Instant to) {
            return Optional.empty();
        }
    }

    static PlanRequest job(String id, Instant submit, Instant deadline, Duration duration, String... zones) {
        return new PlanRequest(id, "team-a", submit, deadline, duration, List.of(zones), 0, false, 0, false);
    }

    static PlanRequest gpuJob(String id, Instant submit, Instant deadline, Duration duration, int gpus, String... zones) {
        return new PlanRequest(id, "team-a", submit, deadline, duration, List.of(zones), gpus, false, 0, false);
    }

    static PlanRequest interruptible(String id, Instant submit, Instant deadline, Duration duration, String... zones) {
        return new PlanRequest(id, "team-a", submit, deadline, duration, List.of(zones), 0, true, 0, false);
    }
}
