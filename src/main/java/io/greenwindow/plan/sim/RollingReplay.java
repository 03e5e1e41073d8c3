package io.greenwindow.plan.sim;

import io.greenwindow.grid.CarbonSignals;
import io.greenwindow.plan.CarbonBudget;
import io.greenwindow.plan.GpuCapacity;
import io.greenwindow.plan.JobPlanner;
import io.greenwindow.plan.Plan;
import io.greenwindow.plan.PlanRequest;
import io.greenwindow.plan.PlannedSegment;
import io.greenwindow.plan.sim.SimulationResult.JobRun;
import io.greenwindow.policy.PolicyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The service's loop on a virtual clock: a job is planned when it is submitted, on the forecast issued last; every
 * hour, when a new forecast arrives, the held jobs are re-planned together with {@link JobPlanner#replan} (its
 * stickiness rules decide which plans move, as in the service's {@code Replanner}); a job whose start comes is
 * released and keeps its plan from then on, as a released job does in the service (only HELD jobs are re-planned).
 * GPUs of released jobs are committed; held jobs' plans are placed afresh at each re-plan, and a new job is planned
 * around the plans held at that moment.
 */
final class RollingReplay {

    private final CarbonSignals signals;
    private final PolicyStore policies;
    private final VirtualClock clock;
    private final Map<String, Integer> limits;
    private final long capacitySlot;
    private final Function<SimJob, PlanRequest> request;

    RollingReplay(CarbonSignals signals, PolicyStore policies, VirtualClock clock, Map<String, Integer> limits,
            long capacitySlot, Function<SimJob, PlanRequest> request) {
        this.signals = signals;
        this.policies = policies;
        this.clock = clock;
        this.limits = limits;
        this.capacitySlot = capacitySlot;
        this.request = request;
    }

    private record Held(PlanRequest request, Plan plan) {
    }

    /** The runs of {@code jobs} (sorted by submission), in their order. */
    List<JobRun> run(List<SimJob> jobs) {
        GpuCapacity released = new GpuCapacity(limits, Duration.ofSeconds(capacitySlot));
        JobPlanner replanner = planner(released);
        LinkedHashMap<String, Held> held = new LinkedHashMap<>();
        Map<String, Plan> done = new HashMap<>();
        int next = 0;
        long hour = jobs.isEmpty() ? 0 : RollingSignals.issueBefore(request.apply(jobs.get(0)).submittedAt().getEpochSecond());
        while (next < jobs.size() || !held.isEmpty()) {
            long submitAt = next < jobs.size() ? request.apply(jobs.get(next)).submittedAt().getEpochSecond() : Long.MAX_VALUE;
            long nextIssue = hour + RollingForecast.ISSUE_EVERY_SECONDS;
            long t = Math.min(submitAt, nextIssue);
            clock.set(Instant.ofEpochSecond(t));
            release(held, done, released, t);
            if (t == nextIssue) {
                hour = nextIssue;
                replan(replanner, held);
            }
            while (next < jobs.size() && request.apply(jobs.get(next)).submittedAt().getEpochSecond() == t) {
                PlanRequest r = request.apply(jobs.get(next++));
                held.put(r.jobId(), new Held(r, planner(aroundHeld(released, held)).plan(r)));
            }
        }
        List<JobRun> runs = new ArrayList<>();
        for (SimJob j : jobs) {
            Plan p = done.get(j.id());
            runs.add(new JobRun(j.id(), j.gpus(), p.segments(), p.reason()));
        }
        return runs;
    }

    private JobPlanner planner(GpuCapacity capacity) {
        return new JobPlanner(signals, policies, clock, capacity, CarbonBudget.NONE, true);
    }

    /** Jobs whose planned start has come are released: their plan is final and their GPUs committed. */
    private static void release(LinkedHashMap<String, Held> held, Map<String, Plan> done, GpuCapacity released, long t) {
        Iterator<Held> it = held.values().iterator();
        while (it.hasNext()) {
            Held h = it.next();
            if (h.plan().start().getEpochSecond() <= t) {
                done.put(h.request().jobId(), h.plan());
                reserve(released, h.request(), h.plan());
                it.remove();
            }
        }
    }

    private static void replan(JobPlanner planner, LinkedHashMap<String, Held> held) {
        if (held.isEmpty()) {
            return;
        }
        List<PlanRequest> requests = new ArrayList<>();
        Map<String, Plan> current = new HashMap<>();
        for (Held h : held.values()) {
            requests.add(h.request());
            current.put(h.request().jobId(), h.plan());
        }
        List<Plan> plans = planner.replan(requests, current);
        for (int i = 0; i < requests.size(); i++) {
            held.put(requests.get(i).jobId(), new Held(requests.get(i), plans.get(i)));
        }
    }

    /** Committed GPUs plus those the held plans need: what a job submitted now must plan around. */
    private GpuCapacity aroundHeld(GpuCapacity released, LinkedHashMap<String, Held> held) {
        if (limits.isEmpty()) {
            return released;
        }
        GpuCapacity c = released.copy();
        held.values().forEach(h -> reserve(c, h.request(), h.plan()));
        return c;
    }

    private static void reserve(GpuCapacity c, PlanRequest r, Plan p) {
        if (r.gpus() > 0) {
            for (PlannedSegment s : p.segments()) {
                c.reserve(s.zone(), r.gpus(), s.start(), s.end());
            }
        }
    }
}
