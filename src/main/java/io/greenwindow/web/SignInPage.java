package io.greenwindow.web;

import io.greenwindow.access.Authentication;
import io.greenwindow.access.Sessions;
import io.greenwindow.access.TokenStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

/**
 * {@code GET/POST /signin} and {@code POST /signout}: a browser signs in by pasting a token once; it gets a
 * session cookie (HttpOnly, SameSite=Strict) that names a server-side session, never the token itself.
 */
public final class SignInPage {

    private SignInPage() {
    }

    public static void register(RoutesConfig routes, TokenStore tokens, Sessions sessions) {
        routes.get("/signin", ctx -> ctx.html(form(next(ctx.queryParam("next")), null)));
        routes.post("/signin", ctx -> signIn(ctx, tokens, sessions));
        routes.post("/signout", ctx -> {
            sessions.close(ctx.cookie(SignedIn.SESSION_COOKIE));
            ctx.removeCookie(SignedIn.SESSION_COOKIE, "/");
            ctx.redirect("/signin", io.javalin.http.HttpStatus.SEE_OTHER);
        });
    }

    private static void signIn(Context ctx, TokenStore tokens, Sessions sessions) {
        String origin = ctx.header("Origin");
        if (origin != null && !origin.replaceFirst("^https?://", "").equalsIgnoreCase(String.valueOf(ctx.header("Host")))) {
            // Another site posting a token here would sign this browser in as someone else (login CSRF).
            ctx.status(403).html(refusal("Sign in from this service's own page (Origin " + origin + " is another site)"));
            return;
        }
        String next = next(ctx.formParam("next"));
        String token = ctx.formParam("token");
        Authentication auth = tokens.authenticate(token == null ? "" : token.trim());
        String refusal = auth.refusal();
        if (refusal != null) {
            ctx.status(401).html(form(next, refusal));
            return;
        }
        Sessions.Session session = sessions.open(token.trim());
        Cookie cookie = new Cookie(SignedIn.SESSION_COOKIE, session.id(), "/",
                (int) Sessions.DEFAULT_LIFETIME.toSeconds(), "https".equals(ctx.scheme()), true, null, SameSite.STRICT);
        ctx.cookie(cookie);
        ctx.redirect(next, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** Only a path on this site: "/jobs" yes, "//evil.example" or "https://evil.example" no. */
    static String next(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/jobs";
    }

    /** The sign-in form: where to go after, and why the last try was refused (null: none). */
    record Form(String next, String error) {
    }

    static String form(String next, String error) {
        return Templates.render("signin.jte", new Form(next, error));
    }

    /** The page a browser gets when the edge refuses it (403, or a write without a session). */
    public static String refusal(String message) {
        return Templates.render("refusal.jte", message);
    }
}
