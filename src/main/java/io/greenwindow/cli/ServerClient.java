package io.greenwindow.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The CLI's way to the service's HTTP API. Errors come back as {@link CliException} with a sentence for the user.
 */
public final class ServerClient {

    public static final String DEFAULT_SERVER = "http://localhost:7070";

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ServerClient(String server) {
        this(server, null);
    }

    /** @param token the bearer token, or null for the default ({@link CliToken}) */
    public ServerClient(String server, String token) {
        String s = server == null || server.isBlank() ? defaultServer() : server;
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.token = CliToken.resolve(token);
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

    public String delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    private String send(HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpRequest built = request.timeout(Duration.ofSeconds(60)).build();
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
            throw new CliException("Cannot reach the greenwindow service at " + base
                    + " (is it running? start it with 'greenwindow serve', or pass --server URL)");
        } catch (IOException e) {
            throw new CliException("Request to " + built.uri() + " failed: " + e.getMessage());
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
