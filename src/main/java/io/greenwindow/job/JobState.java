package io.greenwindow.job;

/** Where a job is in its life. See {@link JobStateTransitions} for the allowed moves. */
public enum JobState {
    SUBMITTED,
    HELD,
    RUNNING,
    PAUSED,
    COMPLETED,
    FAILED,
    CANCELLED,
    EXPIRED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == EXPIRED;
    }
}
