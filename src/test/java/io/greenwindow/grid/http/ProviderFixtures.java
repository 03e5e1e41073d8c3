package io.greenwindow.grid.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import okhttp3.OkHttpClient;

/** Recorded provider payloads (src/test/resources/grid/) and HTTP settings that never really sleep. */
public final class ProviderFixtures {

    private ProviderFixtures() {
    }

    public static String fixture(String path) {
        try (InputStream in = ProviderFixtures.class.getClassLoader().getResourceAsStream("grid/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture grid/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MockResponse json(int code, String fixture) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body(fixture(fixture)).build();
    }

    public static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).body("").build();
    }

    /**
     * Three attempts, 500 ms base backoff, jitter fixed at the middle (factor 1.0), a 300 ms read timeout; waits
     * are recorded in {@code sleeps} instead of slept.
     */
    public static HttpSettings settings(List<Duration> sleeps) {
        OkHttpClient client = new OkHttpClient.Builder()
                .connectTimeout(2, TimeUnit.SECONDS)
                .readTimeout(300, TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false)
                .build();
        return new HttpSettings(client, 3, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(30),
                sleeps::add, () -> 0.5, io.greenwindow.grid.store.RequestCounts.none());
    }
}
