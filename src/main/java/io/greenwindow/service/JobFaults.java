package io.greenwindow.service;

import io.greenwindow.job.Job;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.JobStateTransitions;
import io.greenwindow.job.JobState;
import io.greenwindow.reason.Reason;
import io.greenwindow.reason.ReasonCode;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one bad job from stopping the others: a job that cannot be planned, re-planned or recovered (its stored
 * row breaks a rule, say a zero duration or a deadline before its submission) is marked FAILED with a reason that
 * says what could not be done and why, and the caller goes on with the next job.
 */
final class JobFaults {

    private static final Logger LOG = LoggerFactory.getLogger(JobFaults.class);

    /** A message that names code (a class, a stack frame) is for the log, not for a job's reason. */
    private static final Pattern INTERNALS = Pattern.compile("Exception|\\b[a-z]+\\.[a-z]+\\.[A-Za-z]|\\bat [\\w$.]+\\(");

    private final JobRepository jobs;
    private final Clock clock;

    JobFaults(JobRepository jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * Marks {@code job} FAILED because {@code doing} (e.g. "planned") failed with {@code failure}; never throws.
     *
     * @return whether the job is now FAILED
     */
    boolean fail(Job job, String doing, RuntimeException failure) {
        Instant now = clock.instant();
        String why = failure.getMessage() == null || INTERNALS.matcher(failure.getMessage()).find()
                ? "an internal error, see the service log" : failure.getMessage();
        Reason reason = Reason.of(ReasonCode.FAULT, now).with("doing", doing).with("why", why);
        LOG.error("Job {} could not be {}; marking it FAILED: {}", job.id(), doing, why, failure);
        if (!JobStateTransitions.isAllowed(job.state(), JobState.FAILED)) {
            return false;
        }
        try {
            return jobs.transition(job.id(), job.state(), JobState.FAILED, reason, now);
        } catch (RuntimeException e) {
            LOG.error("Job {} could not be marked FAILED either: {}", job.id(), e.getMessage(), e);
            return false;
        }
    }
}
