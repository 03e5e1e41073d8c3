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
 * released. With {@code replanPaused}, an interruptible job that is paused between its segments when a forecast
 * arrives keeps what already ran and has the rest of its work re-planned with the held jobs (the work left, plus one
 * resume overhead, in the zone it ran in); without it, a released job keeps its whole plan, as the service's {@code Replanner} (HELD jobs
 * only) does today. GPUs of released segments are committed; held plans are placed afresh at each re-plan, and a new
 * job is planned around the plans held at that moment.
 */
final class RollingReplay {

    private final CarbonSignals signals;
    private final PolicyStore policies;
    private final VirtualClock clock;
    private final Map<String, Integer> limits;
    private final long capacitySlot;
    private final Function<SimJob, PlanRequest> request;
    private final boolean replanPaused;
    private final long overhead;

    RollingReplay(CarbonSignals signals, PolicyStore policies, VirtualClock clock, Map<String, Integer> limits,
            long capacitySlot, Function<SimJob, PlanRequest> request, boolean replanPaused, Duration resumeOverhead) {
        this.replanPaused = replanPaused;
        this.overhead = resumeOverhead.getSeconds();
        this.signals = signals;
        this.policies = policies;
        this.clock = clock;
        this.limits = limits;
        this.capacitySlot = capacitySlot;
        this.request = request;
    }

    /** {@code request} is for the work left; {@code duration} the job's whole run time, without overheads. */
    private record Held(PlanRequest request, Plan plan, long duration) {
        Held(PlanRequest request, Plan plan) {
            this(request, plan, request.duration().getSeconds());
        }
    }

    /** The runs of {@code jobs} (sorted by submission), in their order. */
    List<JobRun> run(List<SimJob> jobs) {
        GpuCapacity committed = new GpuCapacity(limits, Duration.ofSeconds(capacitySlot));
        JobPlanner replanner = planner(committed);
        LinkedHashMap<String, Held> held = new LinkedHashMap<>();
        Map<String, Held> released = new HashMap<>();
        Map<String, List<PlannedSegment>> ran = new HashMap<>();
        int next = 0;
        long hour = jobs.isEmpty() ? 0 : RollingSignals.issueBefore(request.apply(jobs.get(0)).submittedAt().getEpochSecond());
        while (next < jobs.size() || !held.isEmpty()) {
            long submitAt = next < jobs.size() ? request.apply(jobs.get(next)).submittedAt().getEpochSecond() : Long.MAX_VALUE;
            long nextIssue = hour + RollingForecast.ISSUE_EVERY_SECONDS;
            long t = Math.min(submitAt, nextIssue);
            clock.set(Instant.ofEpochSecond(t));
            release(held, released, committed, t);
            if (t == nextIssue) {
                hour = nextIssue;
                if (replanPaused) {
                    holdPaused(released, held, ran, committed, t);
                }
                replan(replanner, held);
            }
            while (next < jobs.size() && request.apply(jobs.get(next)).submittedAt().getEpochSecond() == t) {
                PlanRequest r = request.apply(jobs.get(next++));
                held.put(r.jobId(), new Held(r, planner(aroundHeld(committed, held)).plan(r)));
            }
        }
        List<JobRun> runs = new ArrayList<>();
        for (SimJob j : jobs) {
            Plan p = released.get(j.id()).plan();
            List<PlannedSegment> segments = new ArrayList<>(ran.getOrDefault(j.id(), List.of()));
            segments.addAll(p.segments());
            runs.add(new JobRun(j.id(), j.gpus(), segments, p.reason()));
        }
        return runs;
    }

    /**
     * Interruptible jobs paused at {@code t} (a segment ran, the next has not begun) go back to the held queue for
     * the work they have left: what ran is kept, the GPUs of the segments not yet run are given back.
     */
    private void holdPaused(Map<String, Held> released, LinkedHashMap<String, Held> held,
            Map<String, List<PlannedSegment>> ran, GpuCapacity committed, long t) {
        Iterator<Held> it = released.values().iterator();
        while (it.hasNext()) {
            Held h = it.next();
            PlanRequest r = h.request();
            List<PlannedSegment> done = new ArrayList<>();
            List<PlannedSegment> ahead = new ArrayList<>();
            boolean inProgress = false;
            for (PlannedSegment s : h.plan().segments()) {
                long from = s.start().getEpochSecond();
                long to = s.end().getEpochSecond();
                if (to <= t) {
                    done.add(s);
                } else if (from > t) {
                    ahead.add(s);
                } else {
                    inProgress = true;
                }
            }
            if (!r.interruptible() || inProgress || ahead.isEmpty() || done.isEmpty()) {
                continue;
            }
            List<PlannedSegment> kept = ran.computeIfAbsent(r.jobId(), id -> new ArrayList<>());
            kept.addAll(done);
            long runTime = kept.stream().mapToLong(s -> s.length().getSeconds()).sum();
            long workDone = runTime - (kept.size() - 1) * overhead; // every segment but the first begins by resuming
            long left = h.duration() - workDone + overhead;
            if (r.gpus() > 0) {
                ahead.forEach(s -> committed.release(s.zone(), r.gpus(), s.start(), s.end()));
            }
            // The rest stays in the zone it ran in, where its checkpoint is: moving a paused job between zones would
            // also escape the optimum it is scored against (each job in one zone).
            List<String> zone = List.of(done.get(done.size() - 1).zone());
            PlanRequest rest = new PlanRequest(r.jobId(), r.team(), r.submittedAt(), r.deadline(),
                    Duration.ofSeconds(Math.max(1, left)), zone, r.gpus(), true, r.priority(), r.urgent());
            Plan p = h.plan();
            held.put(r.jobId(), new Held(rest, new Plan(p.jobId(), p.decision(), p.zone(), ahead, p.expectedGPerKwh(),
                    p.nowGPerKwh(), p.expectedSavingFraction(), p.reason(), p.policy()), h.duration()));
            it.remove();
        }
    }

    private JobPlanner planner(GpuCapacity capacity) {
        return new JobPlanner(signals, policies, clock, capacity, CarbonBudget.NONE, true);
    }

    /** Jobs whose planned start has come are released: their GPUs committed, their plan theirs until paused. */
    private static void release(LinkedHashMap<String, Held> held, Map<String, Held> released, GpuCapacity committed, long t) {
        Iterator<Held> it = held.values().iterator();
        while (it.hasNext()) {
            Held h = it.next();
            if (h.plan().start().getEpochSecond() <= t) {
                released.put(h.request().jobId(), h);
                reserve(committed, h.request(), h.plan());
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
            Held before = held.get(requests.get(i).jobId());
            held.put(requests.get(i).jobId(), new Held(requests.get(i), plans.get(i), before.duration()));
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
