package io.greenwindow.api;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * GET /api/openapi.json: the OpenAPI 3.1 document of greenwindow's own API (routes, parameters, bodies, statuses,
 * the {"error": ...} shape). It is written by hand in {@code openapi/greenwindow.yaml} (YAML, so that it can carry
 * comments) and served as JSON; a test holds it to the routes the server has and to their real answers. The
 * Carbon Aware SDK routes are described in the SDK's own shape at {@code /api/v1/swagger.yaml}.
 */
final class OpenApiDocument {

    static final String RESOURCE = "/openapi/greenwindow.yaml";

    private OpenApiDocument() {
    }

    /** The document as a JSON tree, read from the jar. */
    static JsonNode read() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The OpenAPI document " + RESOURCE + " is missing from the jar");
            }
            return JsonMapping.yaml().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("The OpenAPI document " + RESOURCE + " cannot be read", e);
        }
    }

    static void register(RoutesConfig routes) {
        String json = read().toPrettyString();
        routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(json));
    }
}
