package io.greenwindow.plan.sim;

import io.greenwindow.grid.CarbonSignals;
import io.greenwindow.plan.CarbonBudget;
import io.greenwindow.plan.GpuCapacity;
import io.greenwindow.plan.JobPlanner;
import io.greenwindow.plan.Plan;
import io.greenwindow.plan.PlanRequest;
import io.greenwindow.plan.PlannedSegment;
import io.greenwindow.plan.RestOfRun;
import io.greenwindow.plan.sim.SimulationResult.JobRun;
import io.greenwindow.policy.PolicyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The service's loop on a virtual clock: a job is planned when it is submitted, on the forecast issued last; every
 * hour, when a new forecast arrives, the held jobs are re-planned together with {@link JobPlanner#replan} (its
 * stickiness rules decide which plans move, as in the service's {@code Replanner}); a job whose start comes is
 * released. With {@code replanReleased}, an interruptible job that has run part of its work when a forecast arrives
 * (paused between its segments, or running one) keeps what already ran and has the rest of its work re-planned with
 * the held jobs (the work left, in the zone it ran in), as the service's {@code Replanner} does: a running job whose
 * new plan starts later is paused then; without it, a released job keeps its whole plan. GPUs of released segments are committed; held plans are placed afresh at each re-plan, and a new
 * job is planned around the plans held at that moment.
 */
final class RollingReplay {

    private final CarbonSignals signals;
    private final PolicyStore policies;
    private final VirtualClock clock;
    private final Map<String, Integer> limits;
    private final long capacitySlot;
    private final Function<SimJob, PlanRequest> request;
    private final boolean replanReleased;
    private final long overhead;

    RollingReplay(CarbonSignals signals, PolicyStore policies, VirtualClock clock, Map<String, Integer> limits,
            long capacitySlot, Function<SimJob, PlanRequest> request, boolean replanReleased, Duration resumeOverhead) {
        this.replanReleased = replanReleased;
        this.overhead = resumeOverhead.getSeconds();
        this.signals = signals;
        this.policies = policies;
        this.clock = clock;
        this.limits = limits;
        this.capacitySlot = capacitySlot;
        this.request = request;
    }

    /**
     * {@code request} is for the work left; {@code duration} the job's whole run time, without overheads;
     * {@code runningSince} when the segment it runs now began (null: not running), so that a rest planned to go on
     * now extends that segment.
     */
    private record Held(PlanRequest request, Plan plan, long duration, Instant runningSince) {
        Held(PlanRequest request, Plan plan) {
            this(request, plan, request.duration().getSeconds(), null);
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
                if (replanReleased) {
                    holdReleased(released, held, ran, committed, t);
                }
                replan(replanner, held, ran.keySet());
                if (replanReleased) {
                    goOnOrPause(held, released, ran, committed, t);
                }
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
     * Interruptible jobs that have run part of their work at {@code t}, paused between segments or running one,
     * go back to the held queue for the work they have left (as the service's {@code Replanner} does): what ran is
     * kept, the GPUs of what was still to run are given back. A running job's current plan is the rest of its plan
     * from {@code t}; it asks for one resume overhead more than its work left, which it needs only if it is paused
     * now ({@link #goOnOrPause} gives it back when it goes on). A job whose segment begins at {@code t} was released
     * at {@code t} and runs when the forecast arrives, as in the service: it is re-planned as running.
     */
    private void holdReleased(Map<String, Held> released, LinkedHashMap<String, Held> held,
            Map<String, List<PlannedSegment>> ran, GpuCapacity committed, long t) {
        Iterator<Held> it = released.values().iterator();
        while (it.hasNext()) {
            Held h = it.next();
            PlanRequest r = h.request();
            List<PlannedSegment> done = new ArrayList<>();
            List<PlannedSegment> ahead = new ArrayList<>();
            PlannedSegment running = null;
            for (PlannedSegment s : h.plan().segments()) {
                long from = s.start().getEpochSecond();
                long to = s.end().getEpochSecond();
                if (to <= t) {
                    done.add(s);
                } else if (from > t) {
                    ahead.add(s);
                } else {
                    running = s;
                }
            }
            if (!r.interruptible() || (running == null && (ahead.isEmpty() || done.isEmpty()))) {
                continue;
            }
            List<PlannedSegment> pieces = new ArrayList<>(ran.getOrDefault(r.jobId(), List.of()));
            pieces.addAll(done);
            if (running != null && running.start().getEpochSecond() < t) {
                pieces.add(new PlannedSegment(running.zone(), running.start(), Instant.ofEpochSecond(t)));
            }
            // A job that has run nothing yet (released at t) starts afresh when paused now: no resume to pay.
            long resume = pieces.isEmpty() ? 0 : overhead;
            long runTime = pieces.stream().mapToLong(s -> s.length().getSeconds()).sum();
            // Every segment but the first began by resuming.
            long workDone = pieces.isEmpty() ? 0 : runTime - (pieces.size() - 1) * overhead;
            long left = h.duration() - workDone;
            if (left <= overhead) {
                continue; // about to finish: a pause would cost more than it could save
            }
            ran.computeIfAbsent(r.jobId(), id -> new ArrayList<>()).addAll(done);
            List<PlannedSegment> rest = RestOfRun.ahead(h.plan().segments(), Instant.ofEpochSecond(t));
            if (r.gpus() > 0) {
                rest.forEach(s -> committed.release(s.zone(), r.gpus(), s.start(), s.end()));
            }
            // The rest stays in the zone it ran in, where its checkpoint is: moving a paused job between zones would
            // also escape the optimum it is scored against (each job in one zone).
            PlanRequest restRequest = RestOfRun.request(r, Duration.ofSeconds(left), Duration.ofSeconds(resume),
                    pieces.isEmpty() ? running.zone() : pieces.get(pieces.size() - 1).zone());
            held.put(r.jobId(), new Held(restRequest, RestOfRun.withSegments(h.plan(), rest), h.duration(),
                    running == null ? null : running.start()));
            it.remove();
        }
    }

    /**
     * After the re-plan at {@code t}: a running job whose plan goes on now is released again, its running segment
     * extended (a new plan gives back the resume overhead it asked for, not needed when the job is not paused); one
     * planned to start later is paused now, at a checkpoint, what it ran kept.
     */
    private void goOnOrPause(LinkedHashMap<String, Held> held, Map<String, Held> released,
            Map<String, List<PlannedSegment>> ran, GpuCapacity committed, long t) {
        Iterator<Held> it = held.values().iterator();
        while (it.hasNext()) {
            Held h = it.next();
            if (h.runningSince() == null) {
                continue;
            }
            String id = h.request().jobId();
            Plan p = h.plan();
            List<PlannedSegment> segments = new ArrayList<>(p.segments());
            if (!RestOfRun.goesOn(p, Instant.ofEpochSecond(t))) {
                if (h.runningSince().getEpochSecond() < t) {
                    ran.get(id).add(new PlannedSegment(segments.get(0).zone(), h.runningSince(), Instant.ofEpochSecond(t)));
                }
                held.put(id, new Held(h.request(), p, h.duration(), null));
                continue;
            }
            // Going on saves the resume the rest was planned with, unless the job had run nothing of this segment yet
            // and that resume was part of it from the start (or it was released at t and asked for none).
            Duration resume = Duration.ofSeconds(h.runningSince().getEpochSecond() < t ? overhead : 0);
            Plan goesOn = RestOfRun.goingOn(p, h.request().duration().minus(resume), resume);
            reserve(committed, h.request(), goesOn);
            segments = new ArrayList<>(goesOn.segments());
            PlannedSegment first = segments.get(0);
            segments.set(0, new PlannedSegment(first.zone(), h.runningSince(), first.end()));
            released.put(id, new Held(h.request(), RestOfRun.withSegments(p, segments), h.duration(), null));
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

    /** @param started jobs that have run part of their work: those held and not running are paused */
    private static void replan(JobPlanner planner, LinkedHashMap<String, Held> held, Set<String> started) {
        if (held.isEmpty()) {
            return;
        }
        List<PlanRequest> requests = new ArrayList<>();
        Map<String, Plan> current = new HashMap<>();
        Set<String> running = new HashSet<>();
        Set<String> paused = new HashSet<>();
        for (Held h : held.values()) {
            requests.add(h.request());
            current.put(h.request().jobId(), h.plan());
            if (h.runningSince() != null) {
                running.add(h.request().jobId());
            } else if (started.contains(h.request().jobId())) {
                paused.add(h.request().jobId());
            }
        }
        List<Plan> plans = planner.replan(requests, current, running, paused);
        for (int i = 0; i < requests.size(); i++) {
            Held before = held.get(requests.get(i).jobId());
            held.put(requests.get(i).jobId(), new Held(requests.get(i), plans.get(i), before.duration(),
                    before.runningSince()));
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
