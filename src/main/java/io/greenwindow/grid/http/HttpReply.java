package io.greenwindow.grid.http;

/** A provider's answer that was not retried: its status and body. */
public record HttpReply(int code, String body) {

    public boolean isSuccess() {
        return code >= 200 && code < 300;
    }
}
