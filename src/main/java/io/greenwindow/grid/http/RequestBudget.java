package io.greenwindow.grid.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How many requests a provider may still be sent in the current period (users' plans have monthly limits).
 * Every attempt counts, retries included. Periods start at the first request and follow each other.
 * Counted per process: a restart starts a new period, which errs towards sending a few more.
 */
public final class RequestBudget {

    private final long limit;
    private final Duration period;
    private final Clock clock;
    private Instant periodStart;
    private long used;

    /** {@code limit} of -1 means no limit (requests are still counted). */
    public RequestBudget(long limit, Duration period, Clock clock) {
        if (limit == 0 || limit < -1) {
            throw new IllegalArgumentException("Request budget " + limit + " must be positive, or -1 for none");
        }
        this.limit = limit;
        this.period = period;
        this.clock = clock;
    }

    /** Takes one request from the budget; false when the period's budget is spent. */
    public synchronized boolean tryAcquire() {
        roll();
        if (limit > 0 && used >= limit) {
            return false;
        }
        used++;
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
