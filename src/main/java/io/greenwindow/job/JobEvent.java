package io.greenwindow.job;

import io.greenwindow.reason.Reason;
import io.greenwindow.reason.Wording;
import java.time.Instant;

/** One state change of a job, with why as data and {@link #reason()} its sentence. {@code from} is null for the first. */
public record JobEvent(String jobId, Instant at, JobState from, JobState to, Reason why) {

    /** An event whose reason is a sentence without a code. */
    public JobEvent(String jobId, Instant at, JobState from, JobState to, String reason) {
        this(jobId, at, from, to, Reason.sentence(reason));
    }

    public String reason() {
        return Wording.render(why);
    }
}
