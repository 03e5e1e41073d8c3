package io.greenwindow.api;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller (a token's name, or an address for anonymous callers): {@code burst} requests at once,
 * refilled at {@code perMinute}. Time comes from the injected clock so that tests move it by hand.
 */
final class RateLimiter {

    static final int MAX_KEYS = 10_000;

    private final Clock clock;
    private final int perMinute;
    private final int burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(Clock clock, int perMinute, int burst) {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("Rate " + perMinute + "/min and burst " + burst + " must be at least 1");
        }
        this.clock = clock;
        this.perMinute = perMinute;
        this.burst = burst;
    }

    /** Takes one request from the caller's bucket; empty when allowed, else how long until the next is. */
    java.util.Optional<Duration> take(String key) {
        long nowNanos = clock.millis() * 1_000_000L;
        if (buckets.size() >= MAX_KEYS) {
            buckets.clear(); // forgetting callers only ever lets more through, never fewer
        }
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, nowNanos));
        synchronized (b) {
            double perNano = perMinute / 60e9;
            b.tokens = Math.min(burst, b.tokens + Math.max(0, nowNanos - b.at) * perNano);
            b.at = Math.max(b.at, nowNanos);
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return java.util.Optional.empty();
            }
            long waitNanos = (long) Math.ceil((1 - b.tokens) / perNano);
            return java.util.Optional.of(Duration.ofNanos(waitNanos));
        }
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }
}
