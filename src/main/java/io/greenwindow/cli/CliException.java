package io.greenwindow.cli;

/** A failure the CLI reports as one sentence and a non-zero exit code, never as a stack trace. */
public class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }
}
