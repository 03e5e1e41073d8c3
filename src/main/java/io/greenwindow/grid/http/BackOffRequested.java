package io.greenwindow.grid.http;

import io.greenwindow.grid.GridFetchException;
import java.time.Instant;

/** A provider answered 429 or 5xx with a {@code Retry-After}: no request may go to it before {@link #notBefore}. */
public final class BackOffRequested extends GridFetchException {

    private final Instant notBefore;

    public BackOffRequested(String adapter, String reason, Instant notBefore) {
        super(adapter, reason);
        this.notBefore = notBefore;
    }

    public Instant notBefore() {
        return notBefore;
    }
}
