package io.greenwindow.energy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Spreads the energy between consecutive samples over bins aligned to multiples of {@code step} since the UTC
 * epoch (the zone's signal intervals), in proportion to time: carbon is then energy-weighted interval by interval.
 */
public final class EnergyBinner {

    private EnergyBinner() {
    }

    public static List<EnergyBin> bin(List<EnergySample> samples, Duration step) {
        if (step.isZero() || step.isNegative()) {
            throw new IllegalArgumentException("Bin step " + step + " must be positive");
        }
        long stepMs = step.toMillis();
        // bin start (ms) -> (component/method key) -> joules
        Map<Long, Map<Key, Double>> bins = new TreeMap<>();
        for (int i = 1; i < samples.size(); i++) {
            EnergySample a = samples.get(i - 1);
            EnergySample b = samples.get(i);
            Map<Key, Double> before = byKey(a);
            for (MeterReading r : b.readings()) {
                Key key = new Key(r.component(), r.method(), r.detail());
                double delta = Math.max(0, r.joules() - before.getOrDefault(key, 0.0));
                if (delta > 0) {
                    spread(bins, key, delta, a.at().toEpochMilli(), b.at().toEpochMilli(), stepMs);
                }
            }
        }
        if (bins.isEmpty() && !samples.isEmpty()) {
            long start = Math.floorDiv(samples.get(0).at().toEpochMilli(), stepMs) * stepMs;
            bins.put(start, new LinkedHashMap<>());
        }
        List<EnergyBin> result = new ArrayList<>();
        for (Map.Entry<Long, Map<Key, Double>> bin : bins.entrySet()) {
            List<ComponentEnergy> parts = new ArrayList<>();
            bin.getValue().forEach((key, joules) ->
                    parts.add(new ComponentEnergy(key.component(), joules / 3.6e6, key.method(), key.detail())));
            Instant start = Instant.ofEpochMilli(bin.getKey());
            result.add(new EnergyBin(start, start.plusMillis(stepMs), parts));
        }
        return result;
    }

    private static void spread(Map<Long, Map<Key, Double>> bins, Key key, double joules, long from, long to,
            long stepMs) {
        if (to <= from) {
            // No time passed (a clock that stands still in tests, or two samples in one millisecond).
            add(bins, Math.floorDiv(from, stepMs) * stepMs, key, joules);
            return;
        }
        long binStart = Math.floorDiv(from, stepMs) * stepMs;
        while (binStart < to) {
            long overlap = Math.min(to, binStart + stepMs) - Math.max(from, binStart);
            if (overlap > 0) {
                add(bins, binStart, key, joules * overlap / (double) (to - from));
            }
            binStart += stepMs;
        }
    }

    private static void add(Map<Long, Map<Key, Double>> bins, long start, Key key, double joules) {
        bins.computeIfAbsent(start, s -> new LinkedHashMap<>()).merge(key, joules, Double::sum);
    }

    private static Map<Key, Double> byKey(EnergySample sample) {
        Map<Key, Double> map = new LinkedHashMap<>();
        for (MeterReading r : sample.readings()) {
            map.put(new Key(r.component(), r.method(), r.detail()), r.joules());
        }
        return map;
    }

    private record Key(Component component, EnergyMethod method, String detail) {
    }
}
