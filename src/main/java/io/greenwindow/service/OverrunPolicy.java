package io.greenwindow.service;

import io.greenwindow.job.Job;
import io.greenwindow.reason.Reason;
import io.greenwindow.reason.ReasonCode;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps deadlines at run time. A job's remaining time is its estimate less what it has run; one that has run past
 * its estimate is given a grace of a tenth of the estimate (at least a minute) at a time, while that still ends by
 * its deadline. When it would not, an interruptible job is paused (its checkpoint kept, planned again for what is
 * left, after the jobs whose deadlines still hold) and any other job is stopped, so that its slot goes to jobs
 * whose deadlines capacity can still keep. The trainer reports no progress yet, so elapsed time against the
 * estimate is all that is known.
 */
final class OverrunPolicy {

    static final Duration MIN_GRACE = Duration.ofMinutes(1);
    private static final int GRACE_DIVISOR = 10;

    private OverrunPolicy() {
    }

    /** A tenth of the estimate, at least {@link #MIN_GRACE}. */
    static Duration grace(Duration estimate) {
        Duration g = estimate.dividedBy(GRACE_DIVISOR);
        return g.compareTo(MIN_GRACE) < 0 ? MIN_GRACE : g;
    }

    /** What the planner reserves for a running job from now: what its estimate says is left, or one grace. */
    static Duration remaining(Job job, Duration ran) {
        Duration left = job.estimatedDuration().minus(ran);
        return left.compareTo(Duration.ZERO) > 0 ? left : grace(job.estimatedDuration());
    }

    static Overrun decide(Job job, Duration ran, Instant now) {
        Duration estimate = job.estimatedDuration();
        if (ran.compareTo(estimate) < 0) {
            return new Overrun(Overrun.Action.ON_TIME, now.plus(estimate.minus(ran)), Reason.of(ReasonCode.ON_TIME, now));
        }
        Instant until = now.plus(grace(estimate));
        if (!until.isAfter(job.deadline())) {
            return new Overrun(Overrun.Action.EXTEND, until, past(ReasonCode.OVERRUN_EXTENDED, job, ran, now)
                    .with("until", until));
        }
        if (job.interruptible()) {
            return new Overrun(Overrun.Action.PAUSE, now, past(ReasonCode.OVERRUN_PAUSED, job, ran, now));
        }
        return new Overrun(Overrun.Action.STOP, now, past(ReasonCode.OVERRUN_STOPPED, job, ran, now));
    }

    /** "ran 31 min, past its 30 min estimate", and the deadline that decides what is done. */
    private static Reason past(ReasonCode code, Job job, Duration ran, Instant now) {
        return Reason.of(code, now).with("ran", ran).with("estimate", job.estimatedDuration())
                .with("deadline", job.deadline());
    }
}
