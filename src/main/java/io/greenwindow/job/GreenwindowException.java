package io.greenwindow.job;

/**
 * The root of the failures greenwindow reports to users: each subclass carries its context in the message, and
 * the API maps each to one HTTP status in one place.
 */
public class GreenwindowException extends RuntimeException {
    public GreenwindowException(String message) {
        super(message);
    }

    public GreenwindowException(String message, Throwable cause) {
        super(message, cause);
    }
}
