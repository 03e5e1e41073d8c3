package io.greenwindow.grid;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts provider observations onto one fixed UTC grid. A grid interval gets the time-weighted mean of the known
 * values overlapping it; one not wholly covered by known values is marked {@code filled}. A gap inside the data is
 * filled by linear interpolation between its neighbours (flagged); the grid never extends past the first and last
 * known values, so nothing is invented at the ends.
 */
public final class Resampler {

    private Resampler() {
    }

    /** The observations' most common spacing, the provider's own step; one hour when it cannot tell. */
    public static Duration nativeStep(List<Observation> observations) {
        return observations.stream().map(Observation::length)
                .collect(java.util.stream.Collectors.groupingBy(d -> d, java.util.stream.Collectors.counting()))
                .entrySet().stream().max(java.util.Map.Entry.<Duration, Long>comparingByValue()
                        .thenComparing(java.util.Map.Entry.comparingByKey()))
                .map(java.util.Map.Entry::getKey).orElse(Duration.ofHours(1));
    }

    /** Floors {@code t} onto the UTC grid of {@code step} (grids are anchored at the epoch, so at whole hours). */
    public static Instant floor(Instant t, Duration step) {
        long s = step.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), s) * s);
    }

    /** The grid points of {@code step} from the interval holding {@code from} up to {@code to}, or none. */
    public static List<SignalPoint> resample(List<Observation> observations, Duration step, Instant from, Instant to) {
        List<Observation> known = observations.stream().filter(o -> o.gPerKwh() != null)
                .sorted(Comparator.comparing(Observation::start)).toList();
        if (known.isEmpty()) {
            return List.of();
        }
        Instant first = max(floor(from, step), floor(known.get(0).start(), step));
        Instant lastEnd = known.stream().map(Observation::end).max(Comparator.naturalOrder()).orElseThrow();
        Instant end = min(to, lastEnd);
        List<Instant> starts = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Boolean> full = new ArrayList<>();
        for (Instant t = first; t.isBefore(end); t = t.plus(step)) {
            Instant tEnd = t.plus(step);
            double weighted = 0;
            long covered = 0;
            for (Observation o : known) {
                long overlap = overlapSeconds(o.start(), o.end(), t, tEnd);
                if (overlap > 0) {
                    weighted += o.gPerKwh() * overlap;
                    covered += overlap;
                }
            }
            starts.add(t);
            values.add(covered == 0 ? null : weighted / covered);
            full.add(covered >= step.toSeconds());
        }
        return fillGaps(starts, values, full);
    }

    private static List<SignalPoint> fillGaps(List<Instant> starts, List<Double> values, List<Boolean> full) {
        int firstKnown = 0;
        while (firstKnown < values.size() && values.get(firstKnown) == null) {
            firstKnown++;
        }
        int lastKnown = values.size() - 1;
        while (lastKnown >= 0 && values.get(lastKnown) == null) {
            lastKnown--;
        }
        List<SignalPoint> points = new ArrayList<>();
        int previous = -1;
        for (int i = firstKnown; i <= lastKnown; i++) {
            if (values.get(i) != null) {
                points.add(new SignalPoint(starts.get(i), values.get(i), !full.get(i)));
                previous = i;
                continue;
            }
            int next = i + 1;
            while (values.get(next) == null) {
                next++;
            }
            double share = (double) (i - previous) / (next - previous);
            double v = values.get(previous) + share * (values.get(next) - values.get(previous));
            points.add(new SignalPoint(starts.get(i), v, true));
        }
        return points;
    }

    private static long overlapSeconds(Instant aStart, Instant aEnd, Instant bStart, Instant bEnd) {
        Instant s = max(aStart, bStart);
        Instant e = min(aEnd, bEnd);
        return e.isAfter(s) ? Duration.between(s, e).toSeconds() : 0;
    }

    static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
