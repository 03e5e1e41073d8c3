package io.greenwindow.job;

import static io.greenwindow.job.JobState.CANCELLED;
import static io.greenwindow.job.JobState.COMPLETED;
import static io.greenwindow.job.JobState.EXPIRED;
import static io.greenwindow.job.JobState.FAILED;
import static io.greenwindow.job.JobState.HELD;
import static io.greenwindow.job.JobState.PAUSED;
import static io.greenwindow.job.JobState.RUNNING;
import static io.greenwindow.job.JobState.SUBMITTED;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one table of allowed state changes (as JobRunr's AllowedJobStateStateChanges). Every transition the
 * repository writes is checked here first, so that a bug cannot, say, resurrect a cancelled job.
 */
public final class JobStateTransitions {

    private static final Map<JobState, Set<JobState>> ALLOWED = new EnumMap<>(JobState.class);

    static {
        ALLOWED.put(SUBMITTED, EnumSet.of(HELD, RUNNING, CANCELLED, FAILED));
        ALLOWED.put(HELD, EnumSet.of(HELD, RUNNING, CANCELLED, EXPIRED, FAILED));
        // RUNNING -> RUNNING: a service restart resumes the job from its checkpoint.
        ALLOWED.put(RUNNING, EnumSet.of(RUNNING, PAUSED, COMPLETED, FAILED, CANCELLED));
        ALLOWED.put(PAUSED, EnumSet.of(PAUSED, RUNNING, CANCELLED, FAILED, EXPIRED));
        ALLOWED.put(COMPLETED, EnumSet.noneOf(JobState.class));
        ALLOWED.put(FAILED, EnumSet.noneOf(JobState.class));
        ALLOWED.put(CANCELLED, EnumSet.noneOf(JobState.class));
        ALLOWED.put(EXPIRED, EnumSet.noneOf(JobState.class));
    }

    private JobStateTransitions() {
    }

    public static boolean isAllowed(JobState from, JobState to) {
        return ALLOWED.get(from).contains(to);
    }

    public static void check(String jobId, JobState from, JobState to) {
        if (!isAllowed(from, to)) {
            throw new IllegalJobStateChangeException(jobId, from, to);
        }
    }
}
