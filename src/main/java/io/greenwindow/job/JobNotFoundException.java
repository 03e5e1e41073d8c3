package io.greenwindow.job;

/** No job has this id. */
public class JobNotFoundException extends GreenwindowException {
    public JobNotFoundException(String jobId) {
        super("No job with id '" + jobId + "'");
    }
}
