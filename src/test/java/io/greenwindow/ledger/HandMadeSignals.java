package io.greenwindow.ledger;

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

/**
 * A test fixture for the {@link CarbonSignals} port: hand-made hourly history per zone, served like a real store
 * serves it (only the intervals overlapping the asked range). History can be added later, as it arrives late.
 */
public final class HandMadeSignals implements CarbonSignals {

    public static final Duration HOUR = Duration.ofHours(1);

    private final Map<String, List<SignalPoint>> history = new HashMap<>();
    private final Map<String, SignalKind> kinds = new HashMap<>();
    private int historyCalls;
    private int failOnCall = -1;

    /** Hourly history for {@code zone} starting at {@code start}, one value per hour. */
    public HandMadeSignals hourly(String zone, Instant start, double... gPerKwh) {
        List<SignalPoint> points = history.computeIfAbsent(zone, z -> new ArrayList<>());
        for (int i = 0; i < gPerKwh.length; i++) {
            points.add(SignalPoint.of(start.plus(HOUR.multipliedBy(i)), gPerKwh[i]));
        }
        points.sort(java.util.Comparator.comparing(SignalPoint::start));
        return this;
    }

    /** The provider revises its history: the hours from {@code start} get new values. */
    public HandMadeSignals revise(String zone, Instant start, double... gPerKwh) {
        List<SignalPoint> points = history.get(zone);
        for (int i = 0; i < gPerKwh.length; i++) {
            Instant hour = start.plus(HOUR.multipliedBy(i));
            points.removeIf(p -> p.start().equals(hour));
        }
        return hourly(zone, start, gPerKwh);
    }

    public HandMadeSignals kind(String zone, SignalKind kind) {
        kinds.put(zone, kind);
        return this;
    }

    /** Makes the n-th history call (1-based) throw, as a crash in the middle of accounting would. */
    public HandMadeSignals failOnHistoryCall(int n) {
        failOnCall = n;
        return this;
    }

    @Override
    public ForecastResult forecast(String zone, Instant from, Instant to) {
        return new ForecastResult.Unavailable(zone, "the test serves no forecast");
    }

    @Override
    public Optional<Signal> history(String zone, Instant from, Instant to) {
        historyCalls++;
        if (historyCalls == failOnCall) {
            throw new IllegalStateException("simulated crash while reading history");
        }
        List<SignalPoint> inRange = history.getOrDefault(zone, List.of()).stream()
                .filter(p -> p.start().plus(HOUR).isAfter(from) && p.start().isBefore(to))
                .toList();
        if (inRange.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Signal(zone, "hand-made", kinds.getOrDefault(zone, SignalKind.AVERAGE),
                EmissionScope.LIFECYCLE, HOUR, null, inRange));
    }
}
