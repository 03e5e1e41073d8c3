package io.greenwindow.access;

import io.greenwindow.job.GreenwindowException;

/** A token name is taken: names are the audit's handle on a token, so they are never reused. */
public final class TokenNameTakenException extends GreenwindowException {
    public TokenNameTakenException(String name) {
        super("A token named '" + name + "' already exists (names are never reused, even after revocation)");
    }
}
