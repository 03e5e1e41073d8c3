package io.greenwindow.api;

import io.greenwindow.access.Access;
import io.greenwindow.access.Actor;
import io.greenwindow.access.Authentication;
import io.greenwindow.access.Sessions;
import io.greenwindow.access.TokenStore;
import io.greenwindow.web.SignInPage;
import io.greenwindow.web.SignedIn;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpResponseException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one place where the role table is enforced: before any route runs, it finds who asks (a bearer token, or
 * a browser session whose writes carry the session's CSRF secret), applies the body and rate limits, and admits
 * the request only when the route's rule allows that caller for the team concerned. Routes read the caller from
 * {@link SignedIn} and never judge a role themselves; the one exception is a spec's team, known only once parsed,
 * which the route hands to {@link #requireTeam}.
 */
public final class Gatekeeper {

    static final String BEARER = "Bearer ";

    private final TokenStore tokens;
    private final Sessions sessions;
    private final AccessConfig config;
    private final RateLimiter rate;
    private final Function<String, String> teamOfJob;

    public Gatekeeper(TokenStore tokens, Sessions sessions, AccessConfig config, Clock clock,
            Function<String, String> teamOfJob) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.config = config;
        this.rate = new RateLimiter(clock, config.requestsPerMinute(), config.burst());
        this.teamOfJob = teamOfJob;
    }

    public TokenStore tokens() {
        return tokens;
    }

    public Sessions sessions() {
        return sessions;
    }

    public AccessConfig config() {
        return config;
    }

    /** Puts the check in front of every matched route and maps its refusals to JSON (or, for pages, HTML). */
    void install(RoutesConfig routes) {
        routes.beforeMatched(this::check);
        routes.exception(AccessRefused.class, Gatekeeper::answer);
        // A body without Content-Length that grows past the limit is cut off while the route reads it: Javalin
        // throws a bare HttpResponseException(413) then. Other statuses keep Javalin's sentence, as JSON.
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 413) {
                answer(AccessRefused.tooLarge(tooLarge()), ctx);
            } else {
                ctx.status(e.getStatus()).json(Map.of("error", e.getMessage()));
            }
        });
    }

    /** The routes on a server that have no row in the role table (a server with any refuses to start). */
    static List<String> unruled(List<Endpoint> endpoints) {
        return endpoints.stream()
                .filter(e -> e.method.isHttpMethod() && e.method != HandlerType.HEAD && e.method != HandlerType.OPTIONS)
                .filter(e -> RoleTable.rule(e.method, e.path).isEmpty())
                .map(e -> e.method + " " + e.path).toList();
    }

    private void check(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint == null) {
            return; // nothing matched: the 404 needs no caller
        }
        HandlerType method = endpoint.method == HandlerType.HEAD ? HandlerType.GET : endpoint.method;
        Optional<AccessRule> found = RoleTable.rule(method, endpoint.path);
        if (found.isEmpty()) { // fail closed: start() refuses such a server, this is the second line
            throw AccessRefused.forbidden("No access rule for " + method + " " + endpoint.path);
        }
        AccessRule rule = found.get();
        ctx.attribute(RULE, rule);
        long length = ctx.contentLength();
        if (length > config.maxBodyBytes()) {
            throw AccessRefused.tooLarge(tooLarge());
        }
        Caller caller = caller(ctx, rule);
        SignedIn.set(ctx, caller.actor(), caller.csrf());
        String key = caller.actor() != null ? "token:" + caller.actor().name() : "address:" + ctx.ip();
        Optional<Duration> wait = rate.take(key);
        if (wait.isPresent()) {
            throw AccessRefused.tooMany("Too many requests from " + (caller.actor() != null
                    ? "token '" + caller.actor().name() + "'" : "this address") + ": at most "
                    + config.requestsPerMinute() + " a minute (bursts of " + config.burst() + "); retry in "
                    + seconds(wait.get()) + " s", wait.get());
        }
        if (rule.access() == Access.PUBLIC || rule.access() == Access.PUBLIC_GRID && config.publicGrid()) {
            return;
        }
        if (caller.actor() == null) {
            throw AccessRefused.unauthenticated(caller.refusal() != null ? caller.refusal()
                    : "Sign in: send 'Authorization: Bearer TOKEN' (greenwindow token create makes one)");
        }
        String team = switch (rule.team()) {
            case JOB_PATH -> teamOfJob.apply(ctx.pathParam("id"));
            case JOB_QUERY -> blankToNull(ctx.queryParam("job")) == null ? null : teamOfJob.apply(ctx.queryParam("job"));
            case TEAM_QUERY -> blankToNull(ctx.queryParam("team"));
            case NONE, SPEC -> null;
        };
        if (!rule.access().allows(caller.actor(), team)) {
            throw AccessRefused.forbidden(rule.access().missing(caller.actor(), team));
        }
    }

    /** For routes whose team is known only after parsing (a submitted spec): admits or refuses with 403. */
    public static void requireTeam(Context ctx, String team) {
        AccessRule rule = ctx.attribute(RULE);
        Actor actor = SignedIn.actor(ctx);
        if (rule == null || actor == null) {
            throw AccessRefused.unauthenticated("Sign in: send 'Authorization: Bearer TOKEN'");
        }
        if (!rule.access().allows(actor, team)) {
            throw AccessRefused.forbidden(rule.access().missing(actor, team));
        }
    }

    /**
     * Whether the caller may see things of {@code team} in a list. Anonymous callers through the edge see none;
     * a route mounted without the edge (a test of one API on its own server) is not filtered.
     */
    public static boolean sees(Context ctx, String team) {
        if (ctx.attribute(RULE) == null) {
            return true;
        }
        Actor actor = SignedIn.actor(ctx);
        return actor != null && Access.sees(actor, team);
    }

    private static final String RULE = Gatekeeper.class.getName() + ".rule";

    private record Caller(Actor actor, String csrf, String refusal) {
    }

    private Caller caller(Context ctx, AccessRule rule) {
        String header = ctx.header("Authorization");
        if (header != null && !header.isBlank()) {
            if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                throw AccessRefused.unauthenticated("The Authorization header must be 'Bearer TOKEN'");
            }
            return judge(tokens.authenticate(header.substring(BEARER.length()).trim()), null);
        }
        Optional<Sessions.Session> session = sessions.find(ctx.cookie(SignedIn.SESSION_COOKIE));
        if (session.isEmpty()) {
            return new Caller(null, null, null);
        }
        if (!safe(ctx.method()) && rule.access() == Access.PUBLIC) {
            return new Caller(null, null, null); // a public form (sign in again) needs no session, so no CSRF check
        }
        if (!safe(ctx.method())) {
            requireSameOrigin(ctx);
            String sent = ctx.formParam(SignedIn.CSRF_FIELD);
            if (sent == null) {
                sent = ctx.header("X-CSRF-Token");
            }
            if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                    session.get().csrf().getBytes(StandardCharsets.UTF_8))) {
                throw AccessRefused.forbidden("This form is stale or came from another site (CSRF check failed): "
                        + "reload the page and try again");
            }
        }
        Caller c = judge(tokens.authenticate(session.get().secret()), session.get().csrf());
        if (c.actor() == null) {
            sessions.close(session.get().id());
        }
        return c;
    }

    private static Caller judge(Authentication auth, String csrf) {
        return auth instanceof Authentication.Valid v ? new Caller(v.actor(), csrf, null) : refuse(auth.refusal());
    }

    /** A refused credential: the request goes on as anonymous, so public routes still answer. */
    private static Caller refuse(String why) {
        return new Caller(null, null, why);
    }

    /** A browser's write from another origin is refused even before the CSRF secret is compared. */
    static void requireSameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) { // not a browser, or a same-origin GET turned POST by an old one: the CSRF secret decides
            return;
        }
        String host = ctx.header("Host");
        String bare = origin.replaceFirst("^https?://", "");
        if (host == null || !bare.equalsIgnoreCase(host)) {
            throw AccessRefused.forbidden("Writes from another site are refused (Origin " + origin + " is not this service)");
        }
    }

    private static boolean safe(HandlerType method) {
        return method == HandlerType.GET || method == HandlerType.HEAD || method == HandlerType.OPTIONS;
    }

    private String tooLarge() {
        return "The request body is larger than the limit of " + config.maxBodyBytes()
                + " bytes (GREENWINDOW_MAX_BODY_BYTES)";
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void answer(AccessRefused e, Context ctx) {
        AccessRule rule = ctx.attribute(RULE);
        if (e.status == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"greenwindow\"");
        }
        if (e.retryAfter != null) {
            ctx.header("Retry-After", Long.toString(seconds(e.retryAfter)));
        }
        if (rule != null && rule.page()) {
            if (e.status == 401 && rule.method() == HandlerType.GET) {
                ctx.status(303).header("Location", "/signin?next=" + java.net.URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8));
                return;
            }
            ctx.status(e.status).html(SignInPage.refusal(e.getMessage()));
            return;
        }
        ctx.status(e.status).json(Map.of("error", e.getMessage()));
    }
}
