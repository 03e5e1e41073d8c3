package io.greenwindow.api;

import io.greenwindow.policy.Policy;
import io.greenwindow.policy.PolicyJson;
import io.greenwindow.policy.PolicyRules;
import io.greenwindow.policy.PolicyStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Admins' HTTP API for planning policies, versioned: a PUT never changes a version, it publishes the next one.
 * <pre>
 * GET /api/policies                  the current version of every policy (the built-in default if none is stored)
 * GET /api/policies/{name}           the current version of one
 * GET /api/policies/{name}/versions  every version, oldest first
 * PUT /api/policies/{name}           publish new rules (only the fields to change; the rest take the defaults)
 * POST /api/policies/{name}          the same (publishing creates a version; the CLI's client speaks POST)
 * </pre>
 * Errors answer {@code {"error": "..."}} with 400 (bad rules or name) or 404 (unknown policy).
 */
public final class PolicyApi {

    private PolicyApi() {
    }

    public static void register(RoutesConfig routes, PolicyStore store) {
        routes.get("/api/policies", ctx -> {
            List<Policy> all = new ArrayList<>(store.currentAll());
            if (all.stream().noneMatch(p -> p.name().equals(PolicyStore.DEFAULT_NAME))) {
                all.add(0, Policy.BUILT_IN);
            }
            json(ctx, 200, all);
        });
        routes.get("/api/policies/{name}", ctx -> {
            String name = ctx.pathParam("name");
            var current = store.current(name);
            if (current.isPresent()) {
                json(ctx, 200, current.get());
            } else if (name.equals(PolicyStore.DEFAULT_NAME)) {
                json(ctx, 200, Policy.BUILT_IN);
            } else {
                error(ctx, 404, "No policy named '" + name + "'");
            }
        });
        routes.get("/api/policies/{name}/versions", ctx -> {
            List<Policy> history = store.history(ctx.pathParam("name"));
            if (history.isEmpty()) {
                error(ctx, 404, "No policy named '" + ctx.pathParam("name") + "'");
            } else {
                json(ctx, 200, history);
            }
        });
        routes.put("/api/policies/{name}", ctx -> publish(ctx, store));
        routes.post("/api/policies/{name}", ctx -> publish(ctx, store));
    }

    private static void publish(Context ctx, PolicyStore store) {
        try {
            String name = PolicyStore.checkName(ctx.pathParam("name"));
            PolicyRules rules = PolicyJson.readUpdate(ctx.body());
            io.greenwindow.access.Actor author = io.greenwindow.web.SignedIn.actor(ctx);
            json(ctx, 200, store.publish(name, rules, author == null ? null : author.label()));
        } catch (RuntimeException e) {
            ErrorResponses.respond(ctx, e);
        }
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(PolicyJson.write(body));
    }

    private static void error(Context ctx, int status, String message) {
        json(ctx, status, Map.of("error", message));
    }
}
