package io.greenwindow.grid.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where each provider's request count for its budget period is kept, shared by restarts and by every node on the
 * same database. Periods start at an adapter's first request and follow each other back to back.
 */
public interface RequestCounts {

    /** The count of one adapter's period that started at {@code periodStart}. */
    record Count(Instant periodStart, long used) {
        public Count {
            if (used < 0) {
                throw new IllegalArgumentException("Request count " + used + " must not be negative");
            }
        }
    }

    /** The adapter's last stored count, if it ever sent a request. */
    Optional<Count> load(String adapter);

    /**
     * Takes one request from the adapter's budget at {@code now}, atomically for every node: false when the period
     * already holds {@code limit} requests. A new period starts (at zero) when {@code period} has passed since the
     * current one began. {@code limit} -1 counts without limit.
     */
    boolean tryAcquire(String adapter, long limit, Duration period, Instant now);

    /** Counts kept only in memory (the CLI, tests). */
    static RequestCounts none() {
        return new MemoryRequestCounts();
    }

    /** The start of the period holding {@code now}, for periods of {@code period} from {@code first}. */
    static Instant periodHolding(Instant first, Duration period, Instant now) {
        if (now.isBefore(first.plus(period))) {
            return first;
        }
        long periods = Duration.between(first, now).toMillis() / period.toMillis();
        Instant start = first.plus(period.multipliedBy(periods));
        // Millisecond rounding can leave the count one period short.
        return now.isBefore(start.plus(period)) ? start : start.plus(period);
    }
}
