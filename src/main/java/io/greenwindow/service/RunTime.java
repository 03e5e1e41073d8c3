package io.greenwindow.service;

import io.greenwindow.job.JobEvent;
import io.greenwindow.job.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** How long a job has run so far, from its history: every stretch from a RUNNING event to the next event. */
final class RunTime {

    private RunTime() {
    }

    /** @param now closes a stretch still open (the job is running now) */
    static Duration ran(List<JobEvent> events, Instant now) {
        Duration ran = Duration.ZERO;
        Instant since = null;
        for (JobEvent e : events) {
            if (e.to() == JobState.RUNNING && since == null) {
                since = e.at();
            } else if (e.to() != JobState.RUNNING && since != null) {
                ran = ran.plus(Duration.between(since, e.at()));
                since = null;
            }
        }
        if (since != null && now.isAfter(since)) {
            ran = ran.plus(Duration.between(since, now));
        }
        return ran;
    }
}
