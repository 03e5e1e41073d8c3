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
import io.greenwindow.reason.Reason;
import io.greenwindow.reason.ReasonCode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
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
    private final JobFaults faults;
    private final Clock clock;
    private final Supplier<Set<String>> silentNodes;

    /** @param clock when a job that cannot be re-planned is marked FAILED */
    public Replanner(JobRepository jobs, JobPlanner planner, PlanScheduling scheduling, Clock clock) {
        this(jobs, planner, scheduling, PlanningLock.NONE, clock);
    }

    /** @param clock when a job that cannot be re-planned is marked FAILED */
    public Replanner(JobRepository jobs, JobPlanner planner, PlanScheduling scheduling, PlanningLock lock,
            Clock clock) {
        this(jobs, planner, scheduling, lock, clock, Set::of);
    }

    /**
     * @param silentNodes the nodes that stopped beating ({@link LiveCapacity#silent}): the jobs they ran are not
     *     re-planned until a live node takes them over
     */
    public Replanner(JobRepository jobs, JobPlanner planner, PlanScheduling scheduling, PlanningLock lock,
            Clock clock, Supplier<Set<String>> silentNodes) {
        this.jobs = jobs;
        this.planner = planner;
        this.scheduling = scheduling;
        this.lock = lock;
        this.faults = new JobFaults(jobs, clock);
        this.clock = clock;
        this.silentNodes = silentNodes;
    }

    /**
     * A job slot freed in {@code zone} (a job ended, perhaps before its estimate, or paused): each held job that may
     * run there and waits for a later start gets the plan the planner now finds when that starts sooner and is no
     * worse on the forecast (no higher expected intensity for the same run time; an earlier end keeps every
     * deadline the old plan kept). Jobs are taken in the planner's order (urgent, priority, deadline), each planned
     * against the stored plans of all the others, so moving one never takes what another was promised.
     *
     * @param why starts the reason of every job moved (a {@link ReasonCode#REPLANNED_SLOT_FREED})
     * @return how many jobs were moved forward
     */
    public int pullForward(String zone, Reason why) {
        return lock.run(() -> {
            java.time.Instant now = clock.instant();
            List<Job> waiting = jobs.inStates(JobState.HELD).stream().filter(j -> j.zones().contains(zone))
                    .sorted(java.util.Comparator.comparing((Job j) -> !j.urgent())
                            .thenComparing(java.util.Comparator.comparingInt(Job::priority).reversed())
                            .thenComparing(Job::deadline).thenComparing(Job::submittedAt).thenComparing(Job::id))
                    .toList();
            int moved = 0;
            for (Job job : waiting) {
                try {
                    StoredPlan before = jobs.plan(job.id()).orElse(null);
                    if (before == null || !before.segments().get(0).start().isAfter(now)) {
                        continue; // due now: its release is being taken
                    }
                    Plan fresh = planner.plan(PlanRequests.of(job));
                    if (fresh.start().isBefore(before.segments().get(0).start()) && noWorse(fresh, before)
                            && scheduling.replanHeld(job, () -> fresh, why).isPresent()) {
                        moved++;
                        LOG.info("Job {} {}{}", job.id(), why, fresh.reason());
                    }
                } catch (RuntimeException e) {
                    // The job keeps its stored plan, which still holds; the periodic pass plans it again.
                    LOG.warn("Job {} not moved forward: {}", job.id(), e.getMessage(), e);
                }
            }
            return moved;
        });
    }

    /** Same run time, so no higher mean intensity means no more carbon; unknown intensities compare as equal. */
    private static boolean noWorse(Plan fresh, StoredPlan before) {
        double now = fresh.expectedGPerKwh();
        double was = before.expectedGPerKwh();
        if (Double.isNaN(was)) {
            return true;
        }
        return !Double.isNaN(now) && now <= was * (1 + 1e-9);
    }

    /** @return how many jobs got a new plan */
    public int replanHeld() {
        return replanHeld(null, Reason.prefix(ReasonCode.REPLANNED));
    }

    /**
     * Plans again the held jobs that may run in one of {@code zones} (all held jobs when null).
     *
     * @param why starts the reason of every job whose plan changes ("re-planned on a new DE forecast: "), made
     *     with {@link Reason#prefix}
     * @return how many jobs got a new plan
     */
    public int replanHeld(Set<String> zones, Reason why) {
        return replan(zones, why, false);
    }

    /**
     * News for {@code zones} (a new forecast, or a node that joined or left): their held jobs are planned again as
     * by {@link #replanHeld(Set, Reason)}, and with them the rest of each interruptible job that has started there
     * ({@link StartedRest}: running, or paused between segments), under the same stickiness rules. A running job
     * whose new plan starts later is paused now at a checkpoint; its history says so. A job still running on a node
     * that stopped beating is left as it is (see {@link StartedRest#of}).
     *
     * @param why starts the reason of every job whose plan changes: what the news was
     *     ({@link ReasonCode#REPLANNED_ON_FORECAST}, {@link ReasonCode#REPLANNED_ON_CAPACITY})
     * @return how many jobs got a new plan
     */
    public int replanOnNews(Set<String> zones, Reason why) {
        return replan(zones, why, true);
    }

    private int replan(Set<String> zones, Reason why, boolean withStarted) {
        return lock.run(() -> {
            List<Job> held = jobs.inStates(JobState.HELD).stream()
                    .filter(j -> zones == null || j.zones().stream().anyMatch(zones::contains)).toList();
            Instant now = clock.instant();
            List<StartedRest> started = withStarted && zones != null
                    ? StartedRest.of(jobs, planner, zones, now, silentNodes.get()) : List.of();
            if (held.isEmpty() && started.isEmpty()) {
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
            Map<String, StartedRest> rests = new HashMap<>();
            for (StartedRest rest : started) {
                requests.add(rest.request());
                current.put(rest.job().id(), rest.current());
                rests.put(rest.job().id(), rest);
            }
            int changed = 0;
            for (Plan plan : replanIsolated(requests, current, byId, rests)) {
                StartedRest rest = rests.get(plan.jobId());
                if (rest != null) {
                    changed += applyStarted(rest, plan, why, now);
                    continue;
                }
                Plan before = current.get(plan.jobId());
                if (before == null || !Objects.equals(before.segments(), plan.segments())
                        || !Objects.equals(before.zone(), plan.zone())) {
                    Job job = byId.get(plan.jobId());
                    try {
                        if (scheduling.replanHeld(job, () -> plan, why).isPresent()) {
                            changed++;
                            LOG.info("Job {} {}{}", job.id(), why, plan.reason());
                        }
                    } catch (RuntimeException e) {
                        faults.fail(job, "re-planned", e);
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
        return replanHeld(Set.copyOf(job.zones()), Reason.prefix(ReasonCode.REPLANNED_FOR_DEADLINE)
                .with("job", job.id()).with("deadline", job.deadline()));
    }

    /**
     * The queue planned together; when that fails, each job is tried alone to find the ones the planner cannot
     * plan, those are failed, and the rest is planned together again.
     */
    private List<Plan> replanIsolated(List<PlanRequest> requests, Map<String, Plan> current, Map<String, Job> byId,
            Map<String, StartedRest> rests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        Set<String> running = new java.util.HashSet<>();
        Set<String> paused = new java.util.HashSet<>();
        rests.values().forEach(r -> (r.running() ? running : paused).add(r.job().id()));
        try {
            return planner.replan(requests, current, running, paused);
        } catch (RuntimeException whole) {
            List<PlanRequest> plannable = new ArrayList<>();
            for (PlanRequest r : requests) {
                try {
                    planner.plan(r);
                    plannable.add(r);
                } catch (RuntimeException e) {
                    if (rests.containsKey(r.jobId())) {
                        LOG.warn("Job {}: the rest of its work not re-planned: {}", r.jobId(), e.getMessage(), e);
                    } else {
                        faults.fail(byId.get(r.jobId()), "re-planned", e);
                    }
                }
            }
            if (plannable.size() == requests.size()) {
                throw whole; // no one job is to blame
            }
            return planner.replan(plannable, current, running, paused);
        }
    }

    /** A started job keeps its plan, whatever goes wrong storing its new one: it runs, or resumes, as planned. */
    private int applyStarted(StartedRest rest, Plan plan, Reason why, Instant now) {
        try {
            if (rest.apply(plan, scheduling, why, now)) {
                LOG.info("Job {} ({}) {}{}", rest.job().id(), rest.job().state(), why, plan.reason());
                return 1;
            }
        } catch (RuntimeException e) {
            LOG.warn("Job {}: the new plan of the rest of its work not stored: {}", rest.job().id(), e.getMessage(), e);
        }
        return 0;
    }

    static Plan toPlan(StoredPlan p) {
        return new Plan(p.jobId(), Decision.valueOf(p.decision()), p.zone(),
                p.segments().stream().map(s -> new PlannedSegment(s.zone(), s.start(), s.end())).toList(),
                p.expectedGPerKwh(), p.nowGPerKwh(), p.expectedSaving(), p.why(), p.policy());
    }
}
