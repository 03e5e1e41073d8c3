package io.greenwindow.access;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dashboard sessions, kept in this process only: a random session id (the cookie) stands for a token that signed
 * in, so the browser never holds the token itself. Each session carries its own CSRF secret for the page's forms.
 * A restart signs everyone out, which is the safe way to lose them. The token behind a session is judged again on
 * every request, so revoking it ends its sessions too.
 */
public final class Sessions {

    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(8);
    static final int MAX_SESSIONS = 10_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** One signed-in browser: which token, its CSRF secret, and until when. */
    public record Session(String id, String secret, String csrf, Instant expiresAt) {
        @Override
        public String toString() {
            return "Session[until " + expiresAt + "]";
        }
    }

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration lifetime;

    public Sessions(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** Opens a session for a token secret that was just authenticated. */
    public Session open(String secret) {
        Instant now = clock.instant();
        if (byId.size() >= MAX_SESSIONS) {
            byId.values().removeIf(s -> !now.isBefore(s.expiresAt()));
        }
        Session s = new Session(random(), secret, random(), now.plus(lifetime));
        byId.put(s.id(), s);
        return s;
    }

    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = byId.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(s.expiresAt())) {
            byId.remove(id);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    public void close(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
