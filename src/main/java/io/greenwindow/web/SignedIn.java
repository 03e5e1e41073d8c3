package io.greenwindow.web;

import io.greenwindow.access.Actor;
import io.javalin.http.Context;

/**
 * Who the HTTP edge let in, as it left it on the request: the actor (null for an anonymous call to a public
 * route) and, for a browser session, the session's CSRF secret that the pages put into their forms.
 */
public final class SignedIn {

    public static final String SESSION_COOKIE = "gw_session";
    public static final String CSRF_FIELD = "csrf";

    private static final String ACTOR = SignedIn.class.getName() + ".actor";
    private static final String CSRF = SignedIn.class.getName() + ".csrf";

    private SignedIn() {
    }

    public static void set(Context ctx, Actor actor, String csrf) {
        ctx.attribute(ACTOR, actor);
        ctx.attribute(CSRF, csrf);
    }

    /** The caller, or null when anonymous. */
    public static Actor actor(Context ctx) {
        return ctx.attribute(ACTOR);
    }

    /** The session's CSRF secret, or null when the caller came with a bearer token. */
    public static String csrf(Context ctx) {
        return ctx.attribute(CSRF);
    }
}
