package io.greenwindow.job;

import java.time.Instant;

/** One state change of a job, with the sentence that explains it. {@code from} is null for the first. */
public record JobEvent(String jobId, Instant at, JobState from, JobState to, String reason) {
}
