package io.greenwindow.job;

/** A state change that {@link JobStateTransitions} does not allow, such as cancelling a completed job. */
public class IllegalJobStateChangeException extends GreenwindowException {
    public IllegalJobStateChangeException(String jobId, JobState from, JobState to) {
        super("Job " + jobId + " is " + from + " and cannot become " + to);
    }
}
