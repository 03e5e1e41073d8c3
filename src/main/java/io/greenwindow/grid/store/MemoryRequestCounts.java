package io.greenwindow.grid.store;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link RequestCounts} of one process, for the CLI's one-off calls and tests. */
final class MemoryRequestCounts implements RequestCounts {

    private final Map<String, Count> counts = new HashMap<>();

    @Override
    public synchronized Optional<Count> load(String adapter) {
        return Optional.ofNullable(counts.get(adapter));
    }

    @Override
    public synchronized boolean tryAcquire(String adapter, long limit, Duration period, Instant now) {
        Count c = counts.get(adapter);
        if (c == null || !now.isBefore(c.periodStart().plus(period))) {
            Instant start = c == null ? now : RequestCounts.periodHolding(c.periodStart(), period, now);
            counts.put(adapter, new Count(start, 1));
            return true;
        }
        if (limit > 0 && c.used() >= limit) {
            return false;
        }
        counts.put(adapter, new Count(c.periodStart(), c.used() + 1));
        return true;
    }
}
