package io.greenwindow.api;

import static io.greenwindow.access.Access.ADMIN;
import static io.greenwindow.access.Access.METRICS;
import static io.greenwindow.access.Access.PUBLIC;
import static io.greenwindow.access.Access.PUBLIC_GRID;
import static io.greenwindow.access.Access.READ_ALL;
import static io.greenwindow.access.Access.SIGNED_IN;
import static io.greenwindow.access.Access.TEAM_READ;
import static io.greenwindow.access.Access.TEAM_WRITE;
import static io.greenwindow.api.TeamSource.JOB_PATH;
import static io.greenwindow.api.TeamSource.JOB_QUERY;
import static io.greenwindow.api.TeamSource.NONE;
import static io.greenwindow.api.TeamSource.SPEC;
import static io.greenwindow.api.TeamSource.TEAM_QUERY;
import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import io.greenwindow.access.Access;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one role table: every HTTP route with what it needs. Engineers submit, see, follow and cancel their teams'
 * jobs and read their teams' ledger and reports and the forecasts; sustainability leads read everything and change
 * nothing; admins do everything. {@link Gatekeeper} enforces it before any route runs, and refuses to start a
 * server with a route that is missing here.
 */
final class RoleTable {

    static final List<AccessRule> RULES = List.of(
            api(GET, "/api/health", PUBLIC, NONE),
            api(GET, "/api/openapi.json", PUBLIC, NONE),
            api(GET, "/api/node", SIGNED_IN, NONE),
            // jobs
            api(POST, "/api/jobs", TEAM_WRITE, SPEC),
            api(GET, "/api/jobs", TEAM_READ, NONE),
            api(GET, "/api/jobs/{id}", TEAM_READ, JOB_PATH),
            api(GET, "/api/jobs/{id}/logs", TEAM_READ, JOB_PATH),
            api(POST, "/api/jobs/{id}/cancel", TEAM_WRITE, JOB_PATH),
            api(DELETE, "/api/jobs/{id}", TEAM_WRITE, JOB_PATH),
            // grid: greenwindow's own, then the Carbon Aware SDK shape (public grid data)
            api(GET, "/api/forecast", SIGNED_IN, NONE),
            api(GET, "/api/adapters", SIGNED_IN, NONE),
            api(GET, "/emissions/forecasts/current", PUBLIC_GRID, NONE),
            api(GET, "/emissions/bylocations", PUBLIC_GRID, NONE),
            api(GET, "/emissions/bylocation", PUBLIC_GRID, NONE),
            api(GET, "/emissions/bylocations/best", PUBLIC_GRID, NONE),
            api(GET, "/emissions/average-carbon-intensity", PUBLIC_GRID, NONE),
            api(POST, "/emissions/forecasts/batch", PUBLIC_GRID, NONE),
            api(POST, "/emissions/average-carbon-intensity/batch", PUBLIC_GRID, NONE),
            api(GET, "/locations", PUBLIC_GRID, NONE),
            api(GET, "/health", PUBLIC_GRID, NONE),
            api(GET, "/api/v1/swagger.yaml", PUBLIC_GRID, NONE),
            // Prometheus text: a metrics token (a scraper's, which reads nothing else) or an admin; not public, as
            // the job counts and the ledger's totals are not
            api(GET, "/metrics", METRICS, NONE),
            // ledger and reports
            api(GET, "/api/ledger", TEAM_READ, TEAM_QUERY),
            api(GET, "/api/ledger/verify", SIGNED_IN, NONE),
            api(GET, "/api/reports/monthly", TEAM_READ, TEAM_QUERY),
            api(GET, "/api/ledger/whatif", TEAM_READ, JOB_QUERY),
            // The question travels in the body: only those who may read every team's ledger ask it this way.
            api(POST, "/api/ledger/whatif", READ_ALL, NONE),
            // policies
            api(GET, "/api/policies", READ_ALL, NONE),
            api(GET, "/api/policies/{name}", READ_ALL, NONE),
            api(GET, "/api/policies/{name}/versions", READ_ALL, NONE),
            api(PUT, "/api/policies/{name}", ADMIN, NONE),
            api(POST, "/api/policies/{name}", ADMIN, NONE),
            // tokens
            api(GET, "/api/tokens", ADMIN, NONE),
            api(POST, "/api/tokens", ADMIN, NONE),
            api(POST, "/api/tokens/{name}/revoke", ADMIN, NONE),
            // the node's data
            api(GET, "/api/backup", ADMIN, NONE),
            // browser pages
            page(GET, "/signin", PUBLIC, NONE),
            page(POST, "/signin", PUBLIC, NONE),
            page(POST, "/signout", SIGNED_IN, NONE),
            page(GET, "/", SIGNED_IN, NONE),
            page(GET, "/jobs", SIGNED_IN, NONE),
            page(GET, "/jobs/{id}", TEAM_READ, JOB_PATH),
            page(POST, "/jobs/{id}/cancel", TEAM_WRITE, JOB_PATH),
            page(GET, "/reports", TEAM_READ, TEAM_QUERY),
            page(GET, "/reports/whatif", TEAM_READ, JOB_QUERY));

    private static final Map<String, AccessRule> BY_ROUTE = new LinkedHashMap<>();

    static {
        for (AccessRule r : RULES) {
            if (BY_ROUTE.put(r.route(), r) != null) {
                throw new IllegalStateException("The role table lists " + r.route() + " twice");
            }
        }
    }

    private RoleTable() {
    }

    static Optional<AccessRule> rule(HandlerType method, String path) {
        return Optional.ofNullable(BY_ROUTE.get(method + " " + path));
    }

    private static AccessRule api(HandlerType method, String path, Access access, TeamSource team) {
        return new AccessRule(method, path, access, team, false);
    }

    private static AccessRule page(HandlerType method, String path, Access access, TeamSource team) {
        return new AccessRule(method, path, access, team, true);
    }
}
