package io.greenwindow.access;

import java.util.Objects;

/** A token just created: its secret, shown once to whoever asked for it and stored nowhere, and its record. */
public record NewToken(String secret, TokenInfo info) {

    public NewToken {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(info, "info");
    }

    /** Never the secret: a record printed by accident must not leak it. */
    @Override
    public String toString() {
        return "NewToken[" + info.name() + "]";
    }
}
