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
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans the held queue again when forecasts or the queue change. The planner decides whether a new plan is worth
 * moving a job for (no thrashing); here only the plans that really changed are stored and rescheduled.
 */
public final class Replanner {

    private static final Logger LOG = LoggerFactory.getLogger(Replanner.class);

    private final JobRepository jobs;
    private final JobPlanner planner;
    private final PlanScheduling scheduling;

    private final JobFaults faults;

    /** @param clock when a job that cannot be re-planned is marked FAILED */
    public Replanner(JobRepository jobs, JobPlanner planner, PlanScheduling scheduling, Clock clock) {
        this.jobs = jobs;
        this.planner = planner;
        this.scheduling = scheduling;
        this.faults = new JobFaults(jobs, clock);
    }

    /** @return how many jobs got a new plan */
    public int replanHeld() {
        List<Job> held = jobs.inStates(JobState.HELD);
        if (held.isEmpty()) {
            return 0;
        }
        Map<String, Job> byId = new HashMap<>();
        Map<String, Plan> current = new HashMap<>();
        List<PlanRequest> requests = new ArrayList<>();
        for (Job job : held) {
            // Each job on its own: one whose stored row breaks a rule fails alone, the queue is re-planned.
            try {
                requests.add(PlanRequests.of(job));
                jobs.plan(job.id()).ifPresent(p -> current.put(job.id(), toPlan(p)));
                byId.put(job.id(), job);
            } catch (RuntimeException e) {
                faults.fail(job, "re-planned", e);
            }
        }
        int changed = 0;
        for (Plan plan : replanIsolated(requests, current, byId)) {
            Plan before = current.get(plan.jobId());
            if (before == null || !Objects.equals(before.segments(), plan.segments())
                    || !Objects.equals(before.zone(), plan.zone())) {
                Job job = byId.get(plan.jobId());
                try {
                    scheduling.apply(job, JobState.HELD, plan);
                    changed++;
                    LOG.info("Job {} re-planned: {}", job.id(), plan.reason());
                } catch (RuntimeException e) {
                    faults.fail(job, "re-planned", e);
                }
            }
        }
        return changed;
    }

    /**
     * The queue planned together; when that fails, each job is tried alone to find the ones the planner cannot
     * plan, those are failed, and the rest is planned together again.
     */
    private List<Plan> replanIsolated(List<PlanRequest> requests, Map<String, Plan> current, Map<String, Job> byId) {
        if (requests.isEmpty()) {
            return List.of();
        }
        try {
            return planner.replan(requests, current);
        } catch (RuntimeException whole) {
            List<PlanRequest> plannable = new ArrayList<>();
            for (PlanRequest r : requests) {
                try {
                    planner.plan(r);
                    plannable.add(r);
                } catch (RuntimeException e) {
                    faults.fail(byId.get(r.jobId()), "re-planned", e);
                }
            }
            if (plannable.size() == requests.size()) {
                throw whole; // no one job is to blame
            }
            return planner.replan(plannable, current);
        }
    }

    private static Plan toPlan(StoredPlan p) {
        return new Plan(p.jobId(), Decision.valueOf(p.decision()), p.zone(),
                p.segments().stream().map(s -> new PlannedSegment(s.zone(), s.start(), s.end())).toList(),
                p.expectedGPerKwh(), p.nowGPerKwh(), p.expectedSaving(), p.reason(), p.policy());
    }
}
