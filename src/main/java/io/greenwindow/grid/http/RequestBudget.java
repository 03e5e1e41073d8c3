package io.greenwindow.grid.http;

import io.greenwindow.db.DatabaseException;
import io.greenwindow.grid.store.RequestCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many requests a provider may still be sent in the current period (users' plans have monthly limits).
 * Every attempt counts, retries included. Periods start at the first request and follow each other. The count
 * lives in {@link RequestCounts} (the database in the service), taken one atomic step at a time, so that a
 * restart does not reset the month and nodes on one database share one budget.
 */
public final class RequestBudget {

    private static final Logger LOG = LoggerFactory.getLogger(RequestBudget.class);

    private final String adapter;
    private final long limit;
    private final Duration period;
    private final Clock clock;
    private final RequestCounts counts;

    /** {@code limit} of -1 means no limit (requests are still counted). */
    public RequestBudget(long limit, Duration period, Clock clock) {
        this("", limit, period, clock, RequestCounts.none());
    }

    public RequestBudget(String adapter, long limit, Duration period, Clock clock, RequestCounts counts) {
        if (limit == 0 || limit < -1) {
            throw new IllegalArgumentException("Request budget " + limit + " must be positive, or -1 for none");
        }
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("Request budget period " + period + " must be positive");
        }
        this.adapter = adapter;
        this.limit = limit;
        this.period = period;
        this.clock = clock;
        this.counts = counts;
    }

    /** Takes one request from the budget; false when the period's budget is spent. */
    public boolean tryAcquire() {
        try {
            return counts.tryAcquire(adapter, limit, period, clock.instant());
        } catch (DatabaseException e) {
            // Losing one count is better than losing the forecast; the database is down for everyone anyway.
            LOG.warn("Cannot count a request of {} against its budget: {}", adapter, e.getMessage());
            return true;
        }
    }

    /** Requests sent in the current period, by every node. */
    public long used() {
        Instant now = clock.instant();
        return current().filter(c -> now.isBefore(c.periodStart().plus(period))).map(RequestCounts.Count::used)
                .orElse(0L);
    }

    public long limit() {
        return limit;
    }

    /** When the current period ends (and the budget refills). */
    public Instant resetsAt() {
        Instant now = clock.instant();
        return current().map(c -> RequestCounts.periodHolding(c.periodStart(), period, now).plus(period))
                .orElse(now.plus(period));
    }

    private Optional<RequestCounts.Count> current() {
        try {
            return counts.load(adapter);
        } catch (DatabaseException e) {
            LOG.warn("Cannot read the request count of {}: {}", adapter, e.getMessage());
            return Optional.empty();
        }
    }
}
