package io.greenwindow.grid.http;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import io.greenwindow.grid.store.RequestCounts;
import okhttp3.OkHttpClient;

/**
 * How every provider is called: one shared OkHttp client (one connection pool and dispatcher for all adapters)
 * with explicit timeouts, and the retry policy for 429 and 5xx answers and timeouts.
 *
 * @param jitter gives a factor in [0, 1) that spreads backoff waits so that nodes do not retry in step
 * @param maxRetryAfter a {@code Retry-After} longer than this is not waited for: the adapter fails and the chain
 *                      falls back, rather than holding a caller for minutes
 * @param requestCounts where request budgets are counted (the database in the service)
 */
public record HttpSettings(
        OkHttpClient client,
        int maxAttempts,
        Duration baseDelay,
        Duration maxDelay,
        Duration maxRetryAfter,
        Sleeper sleeper,
        DoubleSupplier jitter,
        RequestCounts requestCounts) {

    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(8);
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(30);
    /**
     * Short, because calls run in the background refresh and a hanging provider should free its thread soon; no
     * provider we know needs more than a second or two to answer.
     */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);

    private static final OkHttpClient SHARED = new OkHttpClient.Builder()
            .connectTimeout(DEFAULT_CONNECT_TIMEOUT)
            .readTimeout(DEFAULT_READ_TIMEOUT)
            .writeTimeout(DEFAULT_READ_TIMEOUT)
            .callTimeout(DEFAULT_CALL_TIMEOUT)
            .retryOnConnectionFailure(false) // retries are ours, counted against the budget
            .build();

    public HttpSettings {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(requestCounts, "requestCounts");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts " + maxAttempts + " must be at least 1");
        }
    }

    /** The process-wide client and policy. */
    public static HttpSettings defaults() {
        SplittableRandom random = new SplittableRandom();
        return new HttpSettings(SHARED, DEFAULT_MAX_ATTEMPTS, DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY,
                DEFAULT_MAX_RETRY_AFTER, Sleeper.real(), random::nextDouble, RequestCounts.none());
    }

    public HttpSettings withClient(OkHttpClient c) {
        return new HttpSettings(c, maxAttempts, baseDelay, maxDelay, maxRetryAfter, sleeper, jitter, requestCounts);
    }

    public HttpSettings withSleeper(Sleeper s) {
        return new HttpSettings(client, maxAttempts, baseDelay, maxDelay, maxRetryAfter, s, jitter, requestCounts);
    }

    public HttpSettings withRequestCounts(RequestCounts counts) {
        return new HttpSettings(client, maxAttempts, baseDelay, maxDelay, maxRetryAfter, sleeper, jitter, counts);
    }

    /** The client with a different overall call timeout, sharing the pool of the shared one. */
    public OkHttpClient clientWithTimeout(Duration callTimeout) {
        return callTimeout == null ? client : client.newBuilder()
                .callTimeout(callTimeout)
                .readTimeout(callTimeout)
                .build();
    }

    /** Wait before retry number {@code retry} (1 = first retry): base × 2^(retry-1), capped, times 0.5 to 1.5. */
    public Duration backoff(int retry) {
        long base = baseDelay.toMillis() << Math.min(20, retry - 1);
        long capped = Math.min(base, maxDelay.toMillis());
        return Duration.ofMillis((long) (capped * (0.5 + jitter.getAsDouble())));
    }
}
