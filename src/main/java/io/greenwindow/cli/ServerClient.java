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
    private final String token;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ServerClient(String server) {
        this(server, (String) null, DEFAULT_TIMEOUT);
    }

    public ServerClient(String server, Duration timeout) {
        this(server, (String) null, timeout);
    }

    /** @param token the bearer token, or null for the default ({@link CliToken}) */
    public ServerClient(String server, String token) {
        this(server, token, DEFAULT_TIMEOUT);
    }

    public ServerClient(String server, String token, Duration timeout) {
        String s = server == null || server.isBlank() ? defaultServer() : server;
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.token = CliToken.resolve(token);
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
    /** The service could not be reached or gave no answer: a waiting command may try again. */
    public static class Unreachable extends CliException {
        Unreachable(String message) {
            super(message);
        }
    }

    private static final class NoAnswer extends Unreachable {
        NoAnswer(String message) {
            super(message);
        }
    }

    /** GETs {@code path} into {@code out}, written whole or not at all (through a temporary file beside it). */
    public long download(String path, java.nio.file.Path out) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET().timeout(timeout);
        authorize(request);
        HttpRequest built = request.build();
        java.nio.file.Path tmp = out.resolveSibling(out.getFileName() + ".part");
        try {
            HttpResponse<java.nio.file.Path> response = http.send(built, HttpResponse.BodyHandlers.ofFile(tmp));
            if (response.statusCode() >= 400) {
                String body = java.nio.file.Files.readString(tmp);
                java.nio.file.Files.deleteIfExists(tmp);
                throw new CliException(errorMessage(new StringResponse(response, body)));
            }
            java.nio.file.Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return java.nio.file.Files.size(out);
        } catch (ConnectException e) {
            throw new CliException("Cannot reach the greenwindow service at " + base
                    + " (is it running? start it with 'greenwindow serve', or pass --server URL)");
        } catch (IOException e) {
            throw new CliException("Request to " + built.uri() + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted while waiting for " + built.uri());
        }
    }

    public String delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    private void authorize(HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
    }

    private String send(HttpRequest.Builder request) {
        authorize(request);
        HttpRequest built = request.timeout(timeout).build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401) {
                throw new CliException(errorMessage(response) + (token == null
                        ? " (no token: pass --token, set " + CliToken.ENV + ", or run from the folder holding data/admin-token)"
                        : ""));
            }
            if (response.statusCode() >= 400) {
                throw new CliException(errorMessage(response));
            }
            return response.body();
        } catch (ConnectException e) {
            throw new Unreachable("Cannot reach the greenwindow service at " + base
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

    private record StringResponse(HttpResponse<?> response, String body) {
    }

    private static String errorMessage(HttpResponse<String> response) {
        return errorMessage(new StringResponse(response, response.body()));
    }

    private static String errorMessage(StringResponse reply) {
        HttpResponse<?> response = reply.response();
        String body = reply.body() == null ? "" : reply.body();
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
