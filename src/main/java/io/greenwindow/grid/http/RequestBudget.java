package io.greenwindow.grid.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.greenwindow.db.DatabaseException;
import io.greenwindow.grid.store.RequestCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many requests a provider may still be sent in the current period (users' plans have monthly limits).
 * Every attempt counts, retries included. Periods start at the first request and follow each other. The count
 * is kept in {@link RequestCounts} (the database in the service), so a restart does not reset the month.
 */
public final class RequestBudget {

    private static final Logger LOG = LoggerFactory.getLogger(RequestBudget.class);

    private final String adapter;
    private final long limit;
    private final Duration period;
    private final Clock clock;
    private final RequestCounts counts;
    private Instant periodStart;
    private long used;

    /** {@code limit} of -1 means no limit (requests are still counted). */
    public RequestBudget(long limit, Duration period, Clock clock) {
        this("", limit, period, clock, RequestCounts.none());
    }

    public RequestBudget(String adapter, long limit, Duration period, Clock clock, RequestCounts counts) {
        if (limit == 0 || limit < -1) {
            throw new IllegalArgumentException("Request budget " + limit + " must be positive, or -1 for none");
        }
        this.adapter = adapter;
        this.limit = limit;
        this.period = period;
        this.clock = clock;
        this.counts = counts;
        try {
            counts.load(adapter).ifPresent(c -> {
                periodStart = c.periodStart();
                used = c.used();
            });
        } catch (DatabaseException e) {
            LOG.warn("Cannot read the request count of {}; counting from 0: {}", adapter, e.getMessage());
        }
    }

    /** Takes one request from the budget; false when the period's budget is spent. */
    public synchronized boolean tryAcquire() {
        roll();
        if (limit > 0 && used >= limit) {
            return false;
        }
        used++;
        try {
            counts.save(adapter, new RequestCounts.Count(periodStart, used));
        } catch (DatabaseException e) {
            // Losing one count is better than losing the forecast; the next save writes the total.
            LOG.warn("Cannot store the request count of {}: {}", adapter, e.getMessage());
        }
        return true;
    }

    public synchronized long used() {
        roll();
        return used;
    }

    public long limit() {
        return limit;
    }

    /** When the current period ends (and the budget refills). */
    public synchronized Instant resetsAt() {
        roll();
        return periodStart == null ? clock.instant() : periodStart.plus(period);
    }

    private void roll() {
        Instant now = clock.instant();
        if (periodStart == null) {
            periodStart = now;
        }
        while (!now.isBefore(periodStart.plus(period))) {
            periodStart = periodStart.plus(period);
            used = 0;
        }
    }
}
