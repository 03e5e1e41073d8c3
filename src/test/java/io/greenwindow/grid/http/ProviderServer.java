package io.greenwindow.grid.http;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A grid provider played by a MockWebServer, fresh for each test, and the HTTP settings an adapter under test
 * uses to reach it: waits are recorded in {@link #sleeps()} instead of slept. Register it as an instance field
 * with {@code @RegisterExtension}; script the responses, run, then check each request with {@link #takeRequest()}.
 */
public final class ProviderServer implements BeforeEachCallback, AfterEachCallback {

    private final List<Duration> sleeps = new ArrayList<>();
    private MockWebServer server;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        // A closed MockWebServer cannot start again, and a per-class test instance keeps this object.
        sleeps.clear();
        server = new MockWebServer();
        server.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.close();
    }

    public void enqueue(MockResponse response) {
        server.enqueue(response);
    }

    public RecordedRequest takeRequest() throws InterruptedException {
        return server.takeRequest();
    }

    /** The next request, or null when none comes within {@code timeout}. */
    public RecordedRequest takeRequest(long timeout, java.util.concurrent.TimeUnit unit) throws InterruptedException {
        return server.takeRequest(timeout, unit);
    }

    public int getRequestCount() {
        return server.getRequestCount();
    }

    /** The root URL, as an adapter definition's {@code baseUrl} or the CLI's {@code --base-url}. */
    public String baseUrl() {
        return server.url("/").toString();
    }

    /** See {@link ProviderFixtures#settings(List)}; the waits land in {@link #sleeps()}. */
    public HttpSettings settings() {
        return ProviderFixtures.settings(sleeps);
    }

    public List<Duration> sleeps() {
        return sleeps;
    }
}
