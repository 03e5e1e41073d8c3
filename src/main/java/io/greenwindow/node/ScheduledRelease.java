package io.greenwindow.node;

import java.time.Instant;

/** A trigger waiting in the job store. {@code at} is on the service's clock. */
public record ScheduledRelease(String jobId, ReleaseAction action, int segment, Instant at) {
}
