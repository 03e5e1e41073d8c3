package io.greenwindow.ledger;

import io.greenwindow.energy.EnergyBin;
import io.greenwindow.energy.EnergyReport;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Carbon as the sum over signal intervals of (facility energy in the interval) x (intensity of the interval). A
 * bin that straddles intervals is split in proportion to its time in each, which is exact when power is flat
 * within the bin and no worse than the bin's own resolution otherwise. Never a mean of intensities.
 */
final class EnergyWeightedCarbon {

    /** A segment's energy placed in time: {@code shift} moves the whole profile (zero for what really ran). */
    record Placed(EnergyReport report, Duration shift) {
    }

    /** The intervals with their carbon, the totals, and the energy that fell outside the signal. */
    record Result(List<IntervalCarbon> intervals, double facilityKwh, double gCo2e, double uncoveredKwh,
            Instant firstUncovered) {

        boolean covered() {
            return firstUncovered == null;
        }

        double intensity() {
            return facilityKwh > 0 ? gCo2e / facilityKwh : Double.NaN;
        }
    }

    private EnergyWeightedCarbon() {
    }

    static Result over(List<Placed> placed, Signal history) {
        Map<Instant, double[]> byInterval = new TreeMap<>();
        double total = 0;
        double uncovered = 0;
        Instant firstUncovered = null;
        for (Placed p : placed) {
            for (EnergyBin bin : p.report().bins()) {
                double kwh = bin.kwh() * p.report().pue();
                total += kwh;
                Instant s = bin.start().plus(p.shift());
                Instant e = bin.end().plus(p.shift());
                double outside = allocate(kwh, s, e, history, byInterval);
                if (outside > 0) {
                    uncovered += outside;
                    firstUncovered = firstUncovered == null || s.isBefore(firstUncovered) ? s : firstUncovered;
                }
            }
        }
        List<IntervalCarbon> intervals = new ArrayList<>();
        double grams = 0;
        for (var entry : byInterval.entrySet()) {
            Instant start = entry.getKey();
            SignalPoint point = pointAt(history, start);
            double kwh = entry.getValue()[0];
            double g = kwh * point.gPerKwh();
            grams += g;
            intervals.add(new IntervalCarbon(start, start.plus(history.step()), kwh, point.gPerKwh(), g, point.filled()));
        }
        return new Result(intervals, total, grams, uncovered, firstUncovered);
    }

    /** Adds the bin's energy to the intervals it overlaps; returns the kWh that fell outside the signal. */
    private static double allocate(double kwh, Instant s, Instant e, Signal history, Map<Instant, double[]> byInterval) {
        if (history.isEmpty()) {
            return kwh;
        }
        long stepMs = history.step().toMillis();
        long lengthMs = Duration.between(s, e).toMillis();
        if (lengthMs == 0) {
            if (Double.isNaN(history.intensityAt(s))) {
                return kwh;
            }
            byInterval.computeIfAbsent(intervalStart(history, s), k -> new double[1])[0] += kwh;
            return 0;
        }
        long firstIndex = Math.max(0, Math.floorDiv(Duration.between(history.start(), s).toMillis(), stepMs));
        long coveredMs = 0;
        for (long i = firstIndex; i < history.points().size(); i++) {
            Instant a = history.start().plusMillis(i * stepMs);
            if (!a.isBefore(e)) {
                break;
            }
            Instant b = a.plusMillis(stepMs);
            long overlap = Duration.between(s.isAfter(a) ? s : a, e.isBefore(b) ? e : b).toMillis();
            if (overlap > 0) {
                coveredMs += overlap;
                byInterval.computeIfAbsent(a, k -> new double[1])[0] += kwh * overlap / lengthMs;
            }
        }
        return kwh * (lengthMs - coveredMs) / lengthMs;
    }

    private static Instant intervalStart(Signal history, Instant t) {
        long stepMs = history.step().toMillis();
        long index = Duration.between(history.start(), t).toMillis() / stepMs;
        return history.start().plusMillis(index * stepMs);
    }

    private static SignalPoint pointAt(Signal history, Instant intervalStart) {
        long index = Duration.between(history.start(), intervalStart).toMillis() / history.step().toMillis();
        return history.points().get((int) index);
    }
}
