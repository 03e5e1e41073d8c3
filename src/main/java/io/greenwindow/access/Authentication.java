package io.greenwindow.access;

/** What a presented secret turned out to be: a valid token's actor, or the reason it is refused. */
public sealed interface Authentication {

    record Valid(Actor actor) implements Authentication {
    }

    /** Known, but past its expiry. */
    record Expired(String name, java.time.Instant at) implements Authentication {
    }

    /** Known, but revoked. */
    record Revoked(String name, java.time.Instant at) implements Authentication {
    }

    /** No token has this secret. */
    record Unknown() implements Authentication {
    }
}
