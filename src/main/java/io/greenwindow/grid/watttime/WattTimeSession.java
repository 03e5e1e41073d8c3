package io.greenwindow.grid.watttime;

import io.greenwindow.grid.GridFetchException;
import io.greenwindow.grid.http.HttpReply;
import io.greenwindow.grid.http.ProviderHttp;
import io.greenwindow.grid.http.ProviderJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * WattTime's login: {@code GET /login} with HTTP Basic gives a bearer token valid for 30 minutes. The token is
 * renewed a minute before it expires and whenever the API answers 401/403. Neither the password nor the token is
 * ever put in a message.
 */
final class WattTimeSession {

    /** WattTime documents a 30-minute token lifetime; renew early so no call races the expiry. */
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(30);
    static final Duration RENEW_BEFORE = Duration.ofMinutes(1);

    private final String provider;
    private final HttpUrl loginUrl;
    private final String basic;
    private final ProviderHttp http;
    private final Clock clock;
    private String token;
    private Instant expires;

    WattTimeSession(String provider, HttpUrl baseUrl, String username, String password, ProviderHttp http, Clock clock) {
        this.provider = provider;
        this.loginUrl = baseUrl.newBuilder().addPathSegment("login").build();
        this.basic = Credentials.basic(username, password);
        this.http = http;
        this.clock = clock;
    }

    /** A token that is valid now, logging in when there is none or it is about to expire. */
    synchronized String token() {
        if (token == null || !clock.instant().isBefore(expires.minus(RENEW_BEFORE))) {
            login();
        }
        return token;
    }

    /** Forgets the token after the API refused it, so the next call logs in again. */
    synchronized void invalidate() {
        token = null;
    }

    private void login() {
        HttpReply reply = http.send(new Request.Builder().url(loginUrl).header("Authorization", basic).get().build());
        if (reply.code() == 401 || reply.code() == 403) {
            throw new GridFetchException(provider, "login refused the username and password (HTTP " + reply.code()
                    + "); check WATTTIME_USERNAME and WATTTIME_PASSWORD");
        }
        if (!reply.isSuccess()) {
            throw new GridFetchException(provider, "login failed (HTTP " + reply.code() + ")");
        }
        String t = ProviderJson.parse(provider, "login", reply.body()).path("token").asText("");
        if (t.isBlank()) {
            throw new GridFetchException(provider, "login answered without a token");
        }
        token = t;
        expires = clock.instant().plus(TOKEN_LIFETIME);
    }
}
