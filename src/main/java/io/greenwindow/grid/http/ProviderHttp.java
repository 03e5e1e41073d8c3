package io.greenwindow.grid.http;

import io.greenwindow.grid.GridFetchException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Calls one provider: retries 429 and 5xx answers and timeouts with exponential backoff and jitter, honours
 * a short {@code Retry-After} and reports a long one ({@link BackOffRequested}, which the caller remembers), and
 * spends the provider's request budget. Any other answer (2xx, 4xx) is returned for the adapter to judge. Error
 * sentences name the provider and the path, never a credential.
 */
public final class ProviderHttp {

    private final String provider;
    private final HttpSettings settings;
    private final OkHttpClient client;
    private final RequestBudget budget;
    private final Clock clock;

    public ProviderHttp(String provider, HttpSettings settings, Duration callTimeout, RequestBudget budget, Clock clock) {
        this.provider = provider;
        this.settings = settings;
        this.client = settings.clientWithTimeout(callTimeout);
        this.budget = budget;
        this.clock = clock;
    }

    public RequestBudget budget() {
        return budget;
    }

    /** Sends {@code request}, retrying what is worth retrying; fails with a reason when nothing usable came. */
    public HttpReply send(Request request) {
        String what = request.url().encodedPath();
        String lastReason = "no attempt made";
        Duration lastRetryAfter = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (Thread.currentThread().isInterrupted()) {
                // The service is stopping its refresh threads: no further attempt, nothing more spent.
                throw new GridFetchException(provider, "interrupted before calling " + what);
            }
            if (!budget.tryAcquire()) {
                throw new GridFetchException(provider, "request budget of " + budget.limit()
                        + " spent for this period; it refills at " + budget.resetsAt());
            }
            Duration wait;
            try (Response response = client.newCall(request).execute()) {
                int code = response.code();
                ResponseBody body = response.body();
                String text = body == null ? "" : body.string();
                if (code != 429 && code < 500) {
                    return new HttpReply(code, text);
                }
                lastReason = "HTTP " + code + " from " + what;
                Duration retryAfter = retryAfter(response.header("Retry-After"));
                lastRetryAfter = retryAfter;
                if (retryAfter != null && retryAfter.compareTo(settings.maxRetryAfter()) > 0) {
                    throw new BackOffRequested(provider, lastReason + " asks to retry after " + retryAfter
                            + ", longer than the " + settings.maxRetryAfter() + " we wait",
                            clock.instant().plus(retryAfter));
                }
                if (attempt == settings.maxAttempts()) {
                    break;
                }
                wait = retryAfter != null ? retryAfter : settings.backoff(attempt);
            } catch (InterruptedIOException e) {
                lastRetryAfter = null;
                lastReason = "timed out calling " + what;
                if (attempt == settings.maxAttempts()) {
                    break;
                }
                wait = settings.backoff(attempt);
            } catch (IOException e) {
                lastRetryAfter = null;
                lastReason = "cannot reach " + request.url().host() + " (" + e.getClass().getSimpleName() + ")";
                if (attempt == settings.maxAttempts()) {
                    break;
                }
                wait = settings.backoff(attempt);
            }
            try {
                settings.sleeper().sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GridFetchException(provider, "interrupted while waiting to retry " + what);
            }
        }
        String reason = lastReason + " after " + settings.maxAttempts() + " attempts";
        if (lastRetryAfter != null) {
            // The last answer said when to come back: that holds for the next caller too.
            throw new BackOffRequested(provider, reason, clock.instant().plus(lastRetryAfter));
        }
        throw new GridFetchException(provider, reason);
    }

    /** Retry-After as delay-seconds or an HTTP-date (RFC 9110 §10.2.3); null when absent or unreadable. */
    Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(h)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
