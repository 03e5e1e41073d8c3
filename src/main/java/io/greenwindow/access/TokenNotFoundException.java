package io.greenwindow.access;

import io.greenwindow.job.GreenwindowException;

/** No token has this name. */
public final class TokenNotFoundException extends GreenwindowException {
    public TokenNotFoundException(String name) {
        super("No token named '" + name + "'");
    }
}
