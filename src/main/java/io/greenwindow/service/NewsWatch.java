package io.greenwindow.service;

import io.greenwindow.node.NewsMarks;
import io.greenwindow.reason.Reason;
import io.greenwindow.reason.ReasonCode;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-plans a zone's held jobs, with the rest of its started interruptible jobs (see {@link Replanner#replanOnNews}),
 * when there is news for it: a forecast generated later than the last one seen, or a change in the zone's live
 * capacity (a node joined, or one stopped beating). Each job whose plan changes says why in its history. What was seen is kept in the database ({@link NewsMarks}), so the node that takes the watch over
 * compares with what the cluster saw; a zone seen for the first time is only noted.
 */
public final class NewsWatch {

    private static final Logger LOG = LoggerFactory.getLogger(NewsWatch.class);

    private final Supplier<Map<String, Instant>> generations;
    private final Supplier<Map<String, LiveCapacity.ZoneCapacity>> capacity;
    private final NewsMarks marks;
    private final Replanner replanner;

    public NewsWatch(Supplier<Map<String, Instant>> generations,
            Supplier<Map<String, LiveCapacity.ZoneCapacity>> capacity, NewsMarks marks, Replanner replanner) {
        this.generations = generations;
        this.capacity = capacity;
        this.marks = marks;
        this.replanner = replanner;
    }

    /** @return how many jobs got a new plan */
    public synchronized int check() {
        Map<String, String> seen = marks.all();
        int changed = 0;
        for (Map.Entry<String, Instant> e : new java.util.TreeMap<>(generations.get()).entrySet()) {
            String key = "forecast:" + e.getKey();
            String before = seen.get(key);
            if (before == null || e.getValue().isAfter(Instant.parse(before))) {
                marks.put(key, e.getValue().toString());
                if (before != null) {
                    changed += replanner.replanOnNews(Set.of(e.getKey()), Reason.prefix(ReasonCode.REPLANNED_ON_FORECAST)
                            .with("zone", e.getKey()).with("generated", e.getValue()));
                }
            }
        }
        Map<String, LiveCapacity.ZoneCapacity> zones = capacity.get();
        Set<String> all = new TreeSet<>(zones.keySet());
        seen.keySet().stream().filter(k -> k.startsWith("capacity:")).forEach(k -> all.add(k.substring(9)));
        for (String zone : all) {
            String now = describe(zones.get(zone));
            String was = seen.get("capacity:" + zone);
            if (!now.equals(was)) {
                marks.put("capacity:" + zone, now);
                if (was != null) {
                    LOG.info("Capacity in {} changed from {} to {}", zone, was, now);
                    changed += replanner.replanOnNews(Set.of(zone), Reason.prefix(ReasonCode.REPLANNED_ON_CAPACITY)
                            .with("zone", zone).with("was", was).with("now", now));
                }
            }
        }
        return changed;
    }

    private static String describe(LiveCapacity.ZoneCapacity c) {
        if (c == null || c.slots() == 0) {
            return "no live node";
        }
        return c.slots() + (c.slots() == 1 ? " job slot" : " job slots") + (c.gpus() == 0 ? ""
                : " and " + c.gpus() + (c.gpus() == 1 ? " GPU" : " GPUs"));
    }
}
