package io.greenwindow.node;

import java.time.Instant;

/** A release or pause waiting in the queue. {@code at} is on the service's clock; {@code zone} null means any. */
public record ScheduledRelease(String jobId, ReleaseAction action, int segment, Instant at, String zone) {

    public ScheduledRelease(String jobId, ReleaseAction action, int segment, Instant at) {
        this(jobId, action, segment, at, null);
    }
}
