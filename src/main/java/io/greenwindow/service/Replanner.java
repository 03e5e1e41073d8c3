package io.greenwindow.service;

import io.greenwindow.job.Job;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.plan.Decision;
import io.greenwindow.plan.JobPlanner;
import io.greenwindow.plan.Plan;
import io.greenwindow.plan.PlanRequest;
import io.greenwindow.plan.PlannedSegment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans the held queue again when forecasts, capacity or the queue change. The planner decides whether a new plan
 * is worth moving a job for (no thrashing); here only the plans that really changed are stored and rescheduled,
 * each with why it was planned again in the job's history. The whole pass holds the planning lock.
 */
public final class Replanner {

    private static final Logger LOG = LoggerFactory.getLogger(Replanner.class);

    private final JobRepository jobs;
    private final JobPlanner planner;
    private final PlanScheduling scheduling;
    private final PlanningLock lock;

    public Replanner(JobRepository jobs, JobPlanner planner, PlanScheduling scheduling) {
        this(jobs, planner, scheduling, PlanningLock.NONE);
    }

    public Replanner(JobRepository jobs, JobPlanner planner, PlanScheduling scheduling, PlanningLock lock) {
        this.jobs = jobs;
        this.planner = planner;
        this.scheduling = scheduling;
        this.lock = lock;
    }

    /** @return how many jobs got a new plan */
    public int replanHeld() {
        return replanHeld(null, "re-planned: ");
    }

    /**
     * Plans again the held jobs that may run in one of {@code zones} (all held jobs when null).
     *
     * @param why starts the reason of every job whose plan changes ("re-planned on a new DE forecast: ")
     * @return how many jobs got a new plan
     */
    public int replanHeld(Set<String> zones, String why) {
        return lock.run(() -> {
            List<Job> held = jobs.inStates(JobState.HELD).stream()
                    .filter(j -> zones == null || j.zones().stream().anyMatch(zones::contains)).toList();
            if (held.isEmpty()) {
                return 0;
            }
            Map<String, Job> byId = new HashMap<>();
            Map<String, Plan> current = new HashMap<>();
            for (Job job : held) {
                byId.put(job.id(), job);
                jobs.plan(job.id()).ifPresent(p -> current.put(job.id(), toPlan(p)));
            }
            List<PlanRequest> requests = held.stream().map(PlanRequests::of).toList();
            int changed = 0;
            for (Plan plan : planner.replan(requests, current)) {
                Plan before = current.get(plan.jobId());
                if (before == null || !Objects.equals(before.segments(), plan.segments())
                        || !Objects.equals(before.zone(), plan.zone())) {
                    Job job = byId.get(plan.jobId());
                    if (scheduling.apply(job, JobState.HELD, () -> plan, why).isPresent()) {
                        changed++;
                        LOG.info("Job {} {}{}", job.id(), why, plan.reason());
                    }
                }
            }
            return changed;
        });
    }

    /**
     * A job just planned that cannot meet its deadline against the plans already promised gets the queue of its
     * zones planned again with it: urgent, higher-priority and earlier-deadline jobs are placed first, so a later
     * deadline gives way to an earlier one when capacity allows both.
     *
     * @return how many jobs got a new plan
     */
    public int makeRoomFor(Job job) {
        boolean late = jobs.plan(job.id()).map(p -> p.segments().get(p.segments().size() - 1).end()
                .isAfter(job.deadline())).orElse(false);
        if (!late) {
            return 0;
        }
        return replanHeld(Set.copyOf(job.zones()), "re-planned: job " + job.id() + " (deadline "
                + Times.hhmm(job.deadline()) + ") could not meet its deadline behind the plans made before it: ");
    }

    private static Plan toPlan(StoredPlan p) {
        return new Plan(p.jobId(), Decision.valueOf(p.decision()), p.zone(),
                p.segments().stream().map(s -> new PlannedSegment(s.zone(), s.start(), s.end())).toList(),
                p.expectedGPerKwh(), p.nowGPerKwh(), p.expectedSaving(), p.reason(), p.policy());
    }
}
