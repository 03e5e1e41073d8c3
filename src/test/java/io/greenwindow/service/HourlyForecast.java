package io.greenwindow.service;

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
import java.util.Optional;
import java.util.function.IntToDoubleFunction;

/** Hand-made signals for service tests: one hourly forecast (the same for every zone asked), no history. */
final class HourlyForecast {

    private HourlyForecast() {
    }

    /** {@code hours} hourly values from {@code first}; hour {@code h} (0-based) at {@code gPerKwh(h)} g/kWh. */
    static CarbonSignals of(Instant first, int hours, IntToDoubleFunction gPerKwh) {
        List<SignalPoint> points = new ArrayList<>();
        for (int h = 0; h < hours; h++) {
            points.add(SignalPoint.of(first.plus(Duration.ofHours(h)), gPerKwh.applyAsDouble(h)));
        }
        Signal signal = new Signal("DE", "test", SignalKind.AVERAGE, EmissionScope.LIFECYCLE, Duration.ofHours(1),
                first, List.copyOf(points));
        return new CarbonSignals() {
            @Override
            public ForecastResult forecast(String zone, Instant from, Instant to) {
                return new ForecastResult.Forecast(signal, List.of());
            }

            @Override
            public Optional<Signal> history(String zone, Instant from, Instant to) {
                return Optional.empty();
            }
        };
    }
}
