package io.greenwindow.api;

/** Where a team-scoped rule finds the team it judges. */
enum TeamSource {
    /** The rule is not about a team. */
    NONE,
    /** The job named by the {@code {id}} path parameter: its team. */
    JOB_PATH,
    /** The job named by the {@code job} query parameter: its team (absent: refused by the route as a bad request). */
    JOB_QUERY,
    /** The {@code team} query parameter; absent, the route lists only what the caller may see. */
    TEAM_QUERY,
    /** The team of a submitted spec, known once the route has parsed it; the route asks {@link Gatekeeper#requireTeam}. */
    SPEC
}
