package io.greenwindow.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test sets to any instant, which then runs on at real speed (so that Quartz, which fires on the system
 * clock, and the service agree on how far away a planned start is).
 */
public final class SettableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    public void set(Instant now) {
        offset = Duration.between(Instant.now(), now);
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
