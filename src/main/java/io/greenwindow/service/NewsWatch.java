package io.greenwindow.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-plans a zone's held jobs when there is news for it: a forecast generated later than the last one seen, or a
 * change in the zone's live capacity (a node joined, or one stopped beating). Each job whose plan changes says why
 * in its history. What was seen is kept in memory: the first look only takes note (the periodic pass re-plans
 * everything anyway).
 */
public final class NewsWatch {

    private static final Logger LOG = LoggerFactory.getLogger(NewsWatch.class);

    private final Supplier<Map<String, Instant>> generations;
    private final Supplier<Map<String, LiveCapacity.ZoneCapacity>> capacity;
    private final Replanner replanner;
    private Map<String, Instant> seenForecasts;
    private Map<String, LiveCapacity.ZoneCapacity> seenCapacity;

    public NewsWatch(Supplier<Map<String, Instant>> generations,
            Supplier<Map<String, LiveCapacity.ZoneCapacity>> capacity, Replanner replanner) {
        this.generations = generations;
        this.capacity = capacity;
        this.replanner = replanner;
    }

    /** @return how many jobs got a new plan */
    public synchronized int check() {
        Map<String, Instant> forecasts = generations.get();
        Map<String, LiveCapacity.ZoneCapacity> zones = capacity.get();
        if (seenForecasts == null) {
            seenForecasts = new HashMap<>(forecasts);
            seenCapacity = new HashMap<>(zones);
            return 0;
        }
        int changed = 0;
        for (Map.Entry<String, Instant> e : forecasts.entrySet()) {
            Instant before = seenForecasts.get(e.getKey());
            if (before == null || e.getValue().isAfter(before)) {
                seenForecasts.put(e.getKey(), e.getValue());
                String why = "re-planned on a new " + e.getKey() + " forecast (generated " + Times.hhmm(e.getValue())
                        + "): ";
                changed += replanner.replanHeld(Set.of(e.getKey()), why);
            }
        }
        Set<String> all = new java.util.TreeSet<>(zones.keySet());
        all.addAll(seenCapacity.keySet());
        for (String zone : all) {
            LiveCapacity.ZoneCapacity now = zones.get(zone);
            LiveCapacity.ZoneCapacity was = seenCapacity.get(zone);
            if (!Objects.equals(now, was)) {
                String why = "re-planned: capacity in " + zone + " changed from " + describe(was) + " to "
                        + describe(now) + ": ";
                LOG.info("Capacity in {} changed from {} to {}", zone, describe(was), describe(now));
                changed += replanner.replanHeld(Set.of(zone), why);
            }
        }
        seenCapacity = new HashMap<>(zones);
        return changed;
    }

    private static String describe(LiveCapacity.ZoneCapacity c) {
        if (c == null) {
            return "no live node";
        }
        return c.slots() + (c.slots() == 1 ? " job slot" : " job slots") + (c.gpus() == 0 ? ""
                : " and " + c.gpus() + (c.gpus() == 1 ? " GPU" : " GPUs"));
    }
}
