package io.greenwindow.access;

import java.time.Instant;

/** What a presented secret turned out to be: a valid token's actor, or the reason it is refused. */
public sealed interface Authentication {

    /** The sentence a refused caller reads; null for a valid token. */
    String refusal();

    record Valid(Actor actor) implements Authentication {
        @Override
        public String refusal() {
            return null;
        }
    }

    /** Known, but past its expiry. */
    record Expired(String name, Instant at) implements Authentication {
        @Override
        public String refusal() {
            return "Token '" + name + "' expired at " + at;
        }
    }

    /** Known, but revoked. */
    record Revoked(String name, Instant at) implements Authentication {
        @Override
        public String refusal() {
            return "Token '" + name + "' was revoked at " + at;
        }
    }

    /** No token has this secret. */
    record Unknown() implements Authentication {
        @Override
        public String refusal() {
            return "Unknown token: no token has this secret";
        }
    }
}
