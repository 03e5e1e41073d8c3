package io.greenwindow.api;

import java.time.Duration;

/** A request the edge turns away: 401, 403, 413 or 429, with the sentence the caller reads. */
final class AccessRefused extends RuntimeException {

    final int status;
    final Duration retryAfter;

    private AccessRefused(int status, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    static AccessRefused unauthenticated(String message) {
        return new AccessRefused(401, message, null);
    }

    static AccessRefused forbidden(String message) {
        return new AccessRefused(403, message, null);
    }

    static AccessRefused tooLarge(String message) {
        return new AccessRefused(413, message, null);
    }

    static AccessRefused tooMany(String message, Duration retryAfter) {
        return new AccessRefused(429, message, retryAfter);
    }
}
