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
    private final Map<String, Duration> steps = new HashMap<>();
    private final Map<String, String> sources = new HashMap<>();
    private final Map<String, String> configured = new HashMap<>();
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

    /** History for {@code zone} on {@code step} (5-minute data, say) from {@code start}, one value per interval. */
    public HandMadeSignals every(Duration step, String zone, Instant start, double... gPerKwh) {
        steps.put(zone, step);
        List<SignalPoint> points = history.computeIfAbsent(zone, z -> new ArrayList<>());
        for (int i = 0; i < gPerKwh.length; i++) {
            points.add(SignalPoint.of(start.plus(step.multipliedBy(i)), gPerKwh[i]));
        }
        points.sort(java.util.Comparator.comparing(SignalPoint::start));
        return this;
    }

    /** Serves {@code zone}'s history under the name of {@code source} (say the fallback "replay"). */
    public HandMadeSignals servedBy(String zone, String source) {
        sources.put(zone, source);
        return this;
    }

    /** Says that {@code source} is the history provider configured for {@code zone}. */
    public HandMadeSignals configured(String zone, String source) {
        configured.put(zone, source);
        return this;
    }

    @Override
    public Optional<String> configuredHistorySource(String zone) {
        return Optional.ofNullable(configured.get(zone));
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
        Duration step = steps.getOrDefault(zone, HOUR);
        List<SignalPoint> inRange = history.getOrDefault(zone, List.of()).stream()
                .filter(p -> p.start().plus(step).isAfter(from) && p.start().isBefore(to))
                .toList();
        if (inRange.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Signal(zone, sources.getOrDefault(zone, "hand-made"),
                kinds.getOrDefault(zone, SignalKind.AVERAGE), EmissionScope.LIFECYCLE, step, null, inRange));
    }
}
