package io.greenwindow.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.greenwindow.access.Actor;
import io.greenwindow.access.NewToken;
import io.greenwindow.access.Role;
import io.greenwindow.access.TokenInfo;
import io.greenwindow.access.TokenName;
import io.greenwindow.access.TokenStore;
import io.greenwindow.web.SignedIn;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Tokens over HTTP (admins only, by the role table):
 * <pre>
 * GET  /api/tokens                every token's record, never a secret
 * POST /api/tokens                {"role": "engineer", "teams": ["vision"], "name": "alice", "expires": "P30D"}
 *                                 answers 201 with the record and, this once, the secret as "token"
 * POST /api/tokens/{name}/revoke  revokes from now on
 * </pre>
 */
public final class TokensApi {

    private TokensApi() {
    }

    public static void register(RoutesConfig routes, TokenStore tokens, Clock clock) {
        routes.get("/api/tokens", ctx -> ctx.json(tokens.list().stream().map(TokensApi::record).toList()));
        routes.post("/api/tokens", ctx -> create(ctx, tokens, clock));
        routes.post("/api/tokens/{name}/revoke", ctx -> ctx.json(record(tokens.revoke(
                TokenName.check("name", ctx.pathParam("name")), by(ctx)))));
    }

    private static void create(Context ctx, TokenStore tokens, Clock clock) {
        JsonNode request;
        try {
            request = ApiServer.JSON.readTree(ctx.body());
        } catch (Exception e) {
            throw new IllegalArgumentException("The request body must be a JSON object like {\"role\": \"engineer\", "
                    + "\"teams\": [\"vision\"]}");
        }
        if (request == null || !request.isObject()) {
            throw new IllegalArgumentException("The request body must be a JSON object");
        }
        Role role = Role.parse(request.path("role").asText(null));
        Set<String> teams = new LinkedHashSet<>();
        request.path("teams").forEach(t -> teams.add(TokenName.check("team", t.asText())));
        String name = request.hasNonNull("name") ? TokenName.check("name", request.get("name").asText())
                : role.word() + "-" + String.format("%06x", new java.security.SecureRandom().nextInt(1 << 24));
        Instant expires = expiry(request.path("expires").asText(null), clock.instant());
        NewToken token = tokens.create(name, role, teams, by(ctx), expires);
        Map<String, Object> body = record(token.info());
        body.put("token", token.secret());
        ctx.status(201).json(body);
    }

    /** An ISO-8601 duration from now (P30D, PT12H) or an instant; null or blank for a token that never expires. */
    static Instant expiry(String text, Instant now) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Duration d = Duration.parse(text.trim());
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("expires: '" + text + "' must be a positive duration");
            }
            return now.plus(d);
        } catch (DateTimeParseException notDuration) {
            try {
                return Instant.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("expires: '" + text
                        + "' is neither a duration like P30D nor an instant like 2027-01-01T00:00:00Z");
            }
        }
    }

    private static String by(Context ctx) {
        Actor actor = SignedIn.actor(ctx);
        return actor == null ? "anonymous" : actor.label();
    }

    static Map<String, Object> record(TokenInfo t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("role", t.role().word());
        m.put("teams", t.teams().stream().sorted().toList());
        m.put("createdBy", t.createdBy());
        m.put("createdAt", t.createdAt());
        m.put("expiresAt", t.expiresAt());
        m.put("revokedAt", t.revokedAt());
        m.put("revokedBy", t.revokedBy());
        return m;
    }
}
