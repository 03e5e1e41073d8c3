package io.greenwindow.grid;

/**
 * An expected failure to get a signal from one adapter (outage, refusal, malformed answer, spent budget). It never
 * leaves the grid package: {@link FallbackSignals} records its reason and falls back.
 */
public class GridFetchException extends RuntimeException {

    private final String adapter;

    public GridFetchException(String adapter, String reason) {
        super(reason);
        this.adapter = adapter;
    }

    public GridFetchException(String adapter, String reason, Throwable cause) {
        super(reason, cause);
        this.adapter = adapter;
    }

    public String adapter() {
        return adapter;
    }

    /** "electricitymaps: HTTP 500 after 3 attempts", the sentence shown to users. */
    public String reason() {
        return adapter + ": " + getMessage();
    }
}
