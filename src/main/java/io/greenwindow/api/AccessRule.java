package io.greenwindow.api;

import io.greenwindow.access.Access;
import io.javalin.http.HandlerType;
import java.util.Objects;

/**
 * One row of the role table: a route (method and Javalin path pattern), the level it needs, where the team it is
 * judged for comes from, and whether it is a browser page (an anonymous visitor is sent to the sign-in page
 * instead of getting a 401).
 */
record AccessRule(HandlerType method, String path, Access access, TeamSource team, boolean page) {

    AccessRule {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(team, "team");
    }

    String route() {
        return method + " " + path;
    }
}
