package io.greenwindow.train;

/** A training run that cannot go on, with one sentence a user can act on (bad data, unreadable base model). */
public class TrainingFailure extends RuntimeException {
    public TrainingFailure(String message) {
        super(message);
    }

    public TrainingFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
