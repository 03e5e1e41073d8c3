package io.greenwindow.access;

/**
 * The levels of the role table: what kind of caller a route admits. A team-scoped level is judged against the
 * team of the thing asked about; with no team (a list), it admits the caller and the route shows only what the
 * caller may see ({@link #sees}).
 */
public enum Access {
    /** Anyone, signed in or not (health, the sign-in page). */
    PUBLIC,
    /** Public grid data, open to anonymous callers unless the service is configured to close it. */
    PUBLIC_GRID,
    /** Any valid token of a person, not a metrics reader's (forecasts, adapters, node, the dashboard). */
    SIGNED_IN,
    /** Engineers of the team, sustainability leads and admins. */
    TEAM_READ,
    /** Engineers of the team and admins. */
    TEAM_WRITE,
    /** Sustainability leads and admins (policies). */
    READ_ALL,
    /** Admins only (publishing policies, tokens). */
    ADMIN,
    /** Metrics readers and admins (the Prometheus scrape). */
    METRICS;

    /** Whether {@code actor} passes this level for {@code team} (null: no particular team, e.g. a list). */
    public boolean allows(Actor actor, String team) {
        return switch (this) {
            case PUBLIC, PUBLIC_GRID -> true;
            case SIGNED_IN -> actor.role() != Role.METRICS;
            case TEAM_READ -> readsAll(actor) || actor.role() == Role.ENGINEER
                    && (team == null || actor.teams().contains(team));
            case TEAM_WRITE -> actor.role() == Role.ADMIN
                    || actor.role() == Role.ENGINEER && (team == null || actor.teams().contains(team));
            case READ_ALL -> readsAll(actor);
            case ADMIN -> actor.role() == Role.ADMIN;
            case METRICS -> actor.role() == Role.ADMIN || actor.role() == Role.METRICS;
        };
    }

    /** Whether {@code actor} may see the things of {@code team} in a list. */
    public static boolean sees(Actor actor, String team) {
        return readsAll(actor) || actor.role() == Role.ENGINEER && actor.teams().contains(team);
    }

    private static boolean readsAll(Actor actor) {
        return actor.role() == Role.SUSTAINABILITY || actor.role() == Role.ADMIN;
    }

    /** The sentence a 403 answers: who the caller is and which role or team this level needed. */
    public String missing(Actor actor, String team) {
        String who = "token '" + actor.name() + "' is " + describe(actor);
        String needs = switch (this) {
            case TEAM_READ -> team == null ? "role engineer, sustainability or admin"
                    : "engineer of team '" + team + "', sustainability or admin";
            case TEAM_WRITE -> team == null ? "role engineer or admin" : "engineer of team '" + team + "' or admin";
            case READ_ALL -> "role sustainability or admin";
            case ADMIN -> "role admin";
            case METRICS -> "role metrics or admin";
            case SIGNED_IN -> "a token of role engineer, sustainability or admin (a metrics token reads /metrics only)";
            default -> "a valid token";
        };
        return who + "; this needs " + needs;
    }

    private static String describe(Actor actor) {
        return actor.role() == Role.ENGINEER ? "engineer of team(s) " + actor.teamList() : actor.role().word();
    }
}
