package io.greenwindow.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An independent check of "never more than N at once": the most intervals that overlap at any instant, by a sweep
 * over their ends (an end at the same instant as a start frees the slot first). Shares no code with the planner.
 */
final class PlanOverlap {

    record Interval(Instant start, Instant end) {
    }

    private PlanOverlap() {
    }

    static int maxConcurrent(List<Interval> intervals) {
        List<long[]> edges = new ArrayList<>();
        for (Interval i : intervals) {
            if (i.end().isAfter(i.start())) {
                edges.add(new long[] {i.start().toEpochMilli(), +1});
                edges.add(new long[] {i.end().toEpochMilli(), -1});
            }
        }
        edges.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int now = 0;
        int most = 0;
        for (long[] e : edges) {
            now += (int) e[1];
            most = Math.max(most, now);
        }
        return most;
    }
}
