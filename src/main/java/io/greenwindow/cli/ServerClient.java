package io.greenwindow.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.UUID;

/**
 * The CLI's way to the service's HTTP API. Errors come back as {@link CliException} with a sentence for the user.
 */
public final class ServerClient {

    public static final String DEFAULT_SERVER = "http://localhost:7070";

    /** How long a request waits for its answer unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** How many times an idempotent submission is sent when answers time out. */
    public static final int SUBMIT_ATTEMPTS = 3;

    private final URI base;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ServerClient(String server) {
        this(server, DEFAULT_TIMEOUT);
    }

    public ServerClient(String server, Duration timeout) {
        String s = server == null || server.isBlank() ? defaultServer() : server;
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.timeout = timeout;
    }

    /** GREENWINDOW_SERVER, else {@value #DEFAULT_SERVER}. */
    public static String defaultServer() {
        String env = System.getenv("GREENWINDOW_SERVER");
        return env == null || env.isBlank() ? DEFAULT_SERVER : env;
    }

    public String get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public String post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * POSTs with an idempotency key made once for this call: when an answer does not come in time (the service
     * may have stored the job and be slow to say so), the same request is sent again with the same key, so the
     * service answers with the job the first attempt stored instead of storing a second one.
     */
    public String postIdempotent(String path, String contentType, String body) {
        String key = UUID.randomUUID().toString();
        for (int attempt = 1; ; attempt++) {
            try {
                return send(HttpRequest.newBuilder(base.resolve(path))
                        .header("Content-Type", contentType)
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
            } catch (NoAnswer e) {
                if (attempt == SUBMIT_ATTEMPTS) {
                    throw new CliException("no answer from " + base + " after " + SUBMIT_ATTEMPTS + " attempts of "
                            + timeout.toSeconds() + " s (" + e.getMessage() + "); the job may have been stored:"
                            + " 'greenwindow jobs' lists it, and the same request with Idempotency-Key " + key
                            + " returns it");
                }
            }
        }
    }

    /** The request may have reached the service, but no answer came back: safe to repeat only when idempotent. */
    private static final class NoAnswer extends CliException {
        NoAnswer(String message) {
            super(message);
        }
    }

    public String delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    private String send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(timeout).build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw new CliException(errorMessage(response));
            }
            return response.body();
        } catch (ConnectException e) {
            throw new CliException("Cannot reach the greenwindow service at " + base
                    + " (is it running? start it with 'greenwindow serve', or pass --server URL)");
        } catch (HttpTimeoutException e) {
            throw new NoAnswer("request to " + built.uri() + " timed out");
        } catch (IOException e) {
            throw new NoAnswer("request to " + built.uri() + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted while waiting for " + built.uri());
        }
    }

    private static String errorMessage(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        // The API answers errors as {"error": "..."}; show the sentence, not the JSON.
        int at = body.indexOf("\"error\"");
        if (at >= 0) {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("error").asText(body);
            } catch (IOException ignored) {
                // fall through to the raw body
            }
        }
        return "HTTP " + response.statusCode() + ": " + body;
    }
}
