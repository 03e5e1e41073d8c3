package io.greenwindow.service;

import io.greenwindow.job.Job;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.plan.JobPlanner;
import io.greenwindow.plan.Plan;
import io.greenwindow.plan.PlanRequest;
import io.greenwindow.plan.PlannedSegment;
import io.greenwindow.plan.RestOfRun;
import io.greenwindow.reason.Reason;
import io.greenwindow.reason.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rest of an interruptible job that has started (RUNNING, or PAUSED between segments) in one of the zones a new
 * forecast is for, as the held queue's re-planning takes it (see {@link RestOfRun}): its work left is its estimate
 * less what it has run (as the capacity counts it, {@link OverrunPolicy#remaining}), planned in the zone it runs in,
 * its current plan what its stored plan still holds from now on.
 */
record StartedRest(Job job, PlanRequest request, Plan current, Duration workLeft, Duration overhead) {

    private static final Logger LOG = LoggerFactory.getLogger(StartedRest.class);

    boolean running() {
        return job.state() == JobState.RUNNING;
    }

    /**
     * The started interruptible jobs of {@code zones} with a plan that still holds something ahead, but those that
     * run on a node of {@code silentNodes}. Such a node cannot take a pause, and the node that takes the job over
     * restarts it from its checkpoint: a pause decided now would make that node start the job only to stop it at
     * its first checkpoint. So until the takeover it keeps its plan (and counts as running where it ran); once it
     * runs on a live node, the next news re-plans it there.
     */
    static List<StartedRest> of(JobRepository jobs, JobPlanner planner, Set<String> zones, Instant now,
            Set<String> silentNodes) {
        List<StartedRest> rests = new ArrayList<>();
        for (Job job : jobs.inStates(JobState.RUNNING, JobState.PAUSED)) {
            if (!job.interruptible() || job.zone() == null || !zones.contains(job.zone())
                    || job.state() == JobState.RUNNING && job.node() != null && silentNodes.contains(job.node())) {
                continue;
            }
            try {
                rest(jobs, planner, job, now).ifPresent(rests::add);
            } catch (RuntimeException e) {
                // This job keeps its plan (it runs, or resumes, as planned); the held queue is re-planned all the same.
                LOG.warn("Job {}: the rest of its work not re-planned: {}", job.id(), e.getMessage(), e);
            }
        }
        return rests;
    }

    private static Optional<StartedRest> rest(JobRepository jobs, JobPlanner planner, Job job, Instant now) {
        StoredPlan stored = jobs.plan(job.id()).orElse(null);
        if (stored == null) {
            return Optional.empty();
        }
        List<PlannedSegment> ahead = RestOfRun.ahead(stored.segments().stream()
                .map(s -> new PlannedSegment(s.zone(), s.start(), s.end())).toList(), now);
        boolean running = job.state() == JobState.RUNNING;
        // A running job planned to have ended (it overruns) is the overrun watch's; a paused one whose next
        // segment is due now is being released.
        if (ahead.isEmpty() || (running && ahead.get(0).start().isAfter(now))
                || (!running && !ahead.get(0).start().isAfter(now))) {
            return Optional.empty();
        }
        Duration left = OverrunPolicy.remaining(job, RunTime.ran(jobs.events(job.id()), now));
        Duration overhead = planner.checkpointOverhead(job.team());
        PlanRequest request = RestOfRun.request(PlanRequests.of(job), left, overhead, job.zone());
        Plan current = RestOfRun.withSegments(Replanner.toPlan(stored), ahead);
        return Optional.of(new StartedRest(job, request, current, left, overhead));
    }

    /**
     * Stores {@code plan} when what it would store differs from the current one: a running job goes on (the resume
     * overhead it does not need given back) or is paused now at a checkpoint; a paused one gets its later segments
     * moved.
     *
     * @param why starts the reason in the job's history ("re-planned on a new DE forecast: ")
     * @return whether a new plan was stored
     */
    boolean apply(Plan plan, PlanScheduling scheduling, Reason why, Instant now) {
        if (plan == current || plan.segments().equals(current.segments())) {
            return false;
        }
        if (!running()) {
            return scheduling.apply(job, JobState.PAUSED, () -> plan, why).isPresent();
        }
        Optional<Job> stored;
        if (RestOfRun.goesOn(plan, now)) {
            Plan goesOn = RestOfRun.goingOn(plan, workLeft, overhead);
            if (goesOn.segments().equals(current.segments())) {
                return false; // a fresh plan (an urgent job's, say) that runs it on exactly as stored changes nothing
            }
            stored = scheduling.applyRunning(job, goesOn, false, why.at(now).because(Reason.of(
                    ReasonCode.GOING_ON_REPLANNED, now).with("left", workLeft).because(plan.why())));
        } else {
            stored = scheduling.applyRunning(job, plan, true, why.at(now).because(Reason.of(
                    ReasonCode.PAUSING_FOR_REST, now).with("left", workLeft).because(plan.why())));
        }
        return stored.isPresent();
    }
}
