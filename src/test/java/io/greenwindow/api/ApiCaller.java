package io.greenwindow.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A real HTTP client for the access tests: one bearer token (or none), plain requests, no redirects followed. */
final class ApiCaller {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    final String base;
    final String token;

    ApiCaller(int port, String token) {
        this.base = "http://localhost:" + port;
        this.token = token;
    }

    HttpResponse<String> send(String method, String path, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null, null);
    }

    HttpResponse<String> postJson(String path, Object body) {
        try {
            return send("POST", path, "application/json", JSON.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a token over the API (this caller must be an admin) and returns its secret. */
    String createToken(String name, String role, String... teams) throws IOException {
        HttpResponse<String> r = postJson("/api/tokens", Map.of("name", name, "role", role, "teams", teams));
        if (r.statusCode() != 201) {
            throw new AssertionError("token create answered " + r.statusCode() + ": " + r.body());
        }
        return json(r).path("token").asText();
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }
}
