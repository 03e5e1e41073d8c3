package io.greenwindow.executor.slurm;

import io.greenwindow.db.Database;
import io.greenwindow.executor.Executor;
import io.greenwindow.executor.ZoneCapacity;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.ledger.Ledger;
import io.greenwindow.reason.Reason;
import io.greenwindow.reason.ReasonCode;
import io.greenwindow.service.NodeLimits;
import io.greenwindow.service.WorkDirs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs greenwindow's jobs as Slurm jobs, one Slurm job {@code gw-<id>} per greenwindow job, submitted when the job
 * is planned. The job waits in Slurm as PENDING (reason BeginTime) with {@code --begin} at its planned start, the
 * plan's reason in its comment; every new plan moves the start ({@code scontrol update StartTime=}), and a release
 * at the window starts it at once. So Slurm itself starts the job at its planned start, which the planner put early
 * enough for the deadline, even when the service is down then. A pause requeues it held ({@code scontrol
 * requeuehold}: the trainer checkpoints on TERM), after which its start is set to the next planned segment and the
 * hold lifted, so the promise holds again. The service reads the queue ({@code squeue --json}) every poll and writes
 * what Slurm did into the job's states, as they follow Slurm's.
 */
public final class SlurmExecutor implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(SlurmExecutor.class);
    public static final String NAME_PREFIX = "gw-";
    /** Energy is binned on 5-minute intervals, as the local runtime does. */
    static final Duration ENERGY_BIN = Duration.ofMinutes(5);
    /** Time limit beyond the estimate: estimates are rough and a run that hits the limit is lost work. */
    static final double LIMIT_FACTOR = 1.5;
    static final Duration LIMIT_MARGIN = Duration.ofMinutes(10);

    private final JobRepository jobs;
    private final WorkDirs dirs;
    private final SlurmClient slurm;
    private final SlurmSettings settings;
    private final String zone;
    private final Clock clock;
    private final SlurmJobIds ids;
    private final SlurmSubmitter submitter;
    /** Jobs cancelled in greenwindow whose Slurm job has not ended yet: followed until it has (their energy). */
    private final Set<String> ending = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final SlurmQueueFollower follower;
    private final ScheduledExecutorService poller;

    /** @param database where plans wait to be carried to the cluster (table slurm_submissions) */
    public SlurmExecutor(Database database, JobRepository jobs, Ledger ledger, SlurmClient slurm,
            SlurmSettings settings, NodeLimits limits, String serviceNode, String zone, Double pue, Clock clock) {
        this.jobs = jobs;
        this.dirs = new WorkDirs(settings.sharedDir());
        this.slurm = slurm;
        this.settings = settings;
        this.zone = zone;
        this.clock = clock;
        this.ids = new SlurmJobIds(dirs);
        this.submitter = new SlurmSubmitter(jobs, dirs, slurm, settings, limits, zone, pue, clock, ids,
                new SlurmSubmissions(database));
        this.follower = new SlurmQueueFollower(jobs, dirs, slurm, ids,
                new SlurmAccounting(jobs, ledger, dirs, clock, ENERGY_BIN), serviceNode, zone, clock, settings.poll());
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slurm-poller");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts reading the queue every {@link SlurmSettings#poll()}, first carrying out plans a crash left. */
    public SlurmExecutor startPolling() {
        long every = settings.poll().toMillis();
        poller.scheduleWithFixedDelay(this::pollQuietly, 0, every, TimeUnit.MILLISECONDS);
        return this;
    }

    public static String slurmName(String jobId) {
        return NAME_PREFIX + jobId;
    }

    /** The Slurm job id of a greenwindow job, once submitted. */
    public Optional<String> slurmId(String jobId) {
        return ids.of(jobId);
    }

    /**
     * Called inside the planning transaction: the plan becomes a request row there, and is carried to the cluster
     * only once that transaction has committed (a rolled-back plan leaves no Slurm job behind).
     */
    @Override
    public void planned(Job job, StoredPlan plan) {
        submitter.request(job, plan, this::drainQuietly);
    }

    /** Carries out the plans waiting for this zone's cluster (after a commit, at start, at every poll). */
    synchronized void drain() {
        submitter.drain();
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (RuntimeException e) {
            LOG.warn("Carrying plans to Slurm failed; tried again at the next poll: {}", e.getMessage());
        }
    }

    /**
     * Slurm's "now+N" counts whole seconds from its own second: rounded up, plus one, so that Slurm never starts
     * a job before its planned start (at most two seconds after it; the release at the window is exact).
     */
    static long secondsUntil(Instant now, Instant at) {
        long millis = Duration.between(now, at).toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000 + 1;
    }

    /** The estimate times 1.5 plus 10 minutes, but never past the deadline (from the planned start); >= 1. */
    static long timeLimitMinutes(Job job, Instant begin) {
        Duration limit = Duration.ofSeconds((long) (job.estimatedDuration().toSeconds() * LIMIT_FACTOR))
                .plus(LIMIT_MARGIN);
        Duration untilDeadline = Duration.between(begin, job.deadline());
        if (untilDeadline.compareTo(limit) < 0 && untilDeadline.compareTo(job.estimatedDuration()) >= 0) {
            limit = untilDeadline;
        }
        return Math.max(1, (limit.toSeconds() + 59) / 60);
    }

    @Override
    public synchronized void start(String jobId, int segment, Reason reason) {
        String why = reason.toString(); // Slurm's comment and its follower's reasons are still sentences
        Job job = jobs.get(jobId);
        if (job.state().isFinal()) {
            return;
        }
        try {
            Optional<String> id = slurmId(jobId);
            if (id.isEmpty()) {
                submitter.submit(job, clock.instant(), SlurmSubmitter.comment(why));
                id = slurmId(jobId);
            }
            follower.released(jobId, reason);
            SlurmJob seen = find(id.get()).orElse(null);
            if (seen == null || seen.isPending()) {
                slurm.setStart(id.get(), 0);
                slurm.setComment(id.get(), SlurmSubmitter.comment(why));
                slurm.release(id.get());
            }
        } catch (SlurmException e) {
            LOG.error("Job {} segment {} could not be started in Slurm: {}", jobId, segment, e.getMessage());
        }
        pollQuietly();
    }

    @Override
    public synchronized boolean pause(String jobId) {
        Optional<String> id = slurmId(jobId);
        SlurmJob seen = id.flatMap(this::find).orElse(null);
        if (seen == null || !seen.isActive()) {
            return false;
        }
        follower.pausing(jobId);
        try {
            slurm.requeueHold(id.get());
            return true;
        } catch (SlurmException e) {
            // It runs on to its end, which still meets its deadline; the next plan sees it running.
            follower.notPausing(jobId);
            LOG.error("Job {} could not be paused in Slurm: {}", jobId, e.getMessage());
            return false;
        }
    }

    @Override
    public synchronized boolean cancel(String jobId) {
        Optional<String> id = slurmId(jobId);
        SlurmJob seen = id.flatMap(this::find).orElse(null);
        if (seen == null || seen.isFinished()) {
            return false;
        }
        try {
            slurm.cancel(id.get());
            ending.add(jobId);
        } catch (SlurmException e) {
            // The job is CANCELLED in greenwindow already; an operator must scancel it: say so loudly.
            LOG.error("Job {} is cancelled but its Slurm job {} could not be: {}", jobId, id.get(), e.getMessage());
            return false;
        }
        return seen.isActive();
    }

    @Override
    public boolean isRunning(String jobId) {
        Optional<String> id = slurmId(jobId);
        return id.flatMap(this::find).map(SlurmJob::isActive).orElse(false);
    }

    /** Runs cut short while the service was down are accounted when the queue is next read. */
    @Override
    public int recoverOrphanedSegments(Job job) {
        return 0;
    }

    /**
     * The partition's usable nodes' GPUs and CPUs less what other users' running jobs (any job not named
     * {@code gw-*}) hold there now.
     */
    @Override
    public ZoneCapacity capacity() {
        List<SlurmClient.Node> nodes = slurm.nodes(settings.partition()).stream().filter(SlurmClient.Node::usable)
                .toList();
        Set<String> names = new java.util.HashSet<>(nodes.stream().map(SlurmClient.Node::name).toList());
        int gpus = nodes.stream().mapToInt(SlurmClient.Node::gpus).sum();
        int cpus = nodes.stream().mapToInt(SlurmClient.Node::cpus).sum();
        int otherGpus = 0;
        int otherCpus = 0;
        for (SlurmJob j : slurm.jobs()) {
            if (j.isActive() && !j.name().startsWith(NAME_PREFIX) && names.contains(j.nodes())) {
                otherGpus += j.gpus();
                otherCpus += j.cpus();
            }
        }
        return new ZoneCapacity(zone, Math.max(0, gpus - otherGpus), Math.max(0, cpus - otherCpus),
                "Slurm partition " + (settings.partition() == null ? "(default)" : settings.partition()) + ": "
                        + nodes.size() + " node(s), " + gpus + " GPU(s) and " + cpus + " CPU(s), less " + otherGpus
                        + " GPU(s) and " + otherCpus + " CPU(s) held by other users' running jobs");
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("Reading the Slurm queue failed: {}", e.getMessage(), e);
        } catch (Error e) {
            // A scheduled task that throws is never run again: say so before the poller stops.
            LOG.error("Following the Slurm queue stopped: {}", e, e);
            throw e;
        }
    }

    /**
     * Reads the queue once and writes into each greenwindow job what Slurm did with it since the last read. Only
     * this service's own Slurm jobs are looked at (the ids it recorded, of its user): another user's job, even one
     * named gw-*, never moves a greenwindow job.
     */
    public synchronized void poll() {
        drain();
        Map<String, String> followed = new HashMap<>(); // Slurm id -> greenwindow job id
        for (Job job : jobs.inStates(JobState.SUBMITTED, JobState.HELD, JobState.RUNNING, JobState.PAUSED)) {
            slurmId(job.id()).ifPresent(id -> followed.put(id, job.id()));
        }
        for (String jobId : ending) {
            slurmId(jobId).ifPresent(id -> followed.put(id, jobId));
        }
        Map<String, SlurmJob> byId = new HashMap<>();
        for (SlurmJob j : slurm.mine(followed.keySet())) {
            byId.put(j.id(), j);
        }
        for (SlurmJob sj : byId.values()) {
            String jobId = followed.get(sj.id());
            Optional<Job> job = jobs.find(jobId);
            if (job.isPresent() && sj.isPending() && plannedElsewhere(job.get())) {
                // Re-planned into another zone: that zone's service submits it to its own cluster.
                slurm.cancel(sj.id());
                ids.forget(jobId);
                LOG.info("Job {} is now planned outside zone {}: its Slurm job {} here is cancelled", jobId, zone,
                        sj.id());
                continue;
            }
            if (job.isPresent()) {
                follower.follow(job.get(), sj);
            }
            if (sj.isFinished()) {
                ending.remove(jobId);
            }
        }
        for (Map.Entry<String, String> f : followed.entrySet()) {
            Optional<Job> job = jobs.find(f.getValue());
            if (job.isPresent() && job.get().state() == JobState.RUNNING && !byId.containsKey(f.getKey())) {
                jobs.transition(job.get().id(), JobState.RUNNING, JobState.FAILED,
                        Reason.of(ReasonCode.SLURM_JOB_LOST, clock.instant()).with("slurmJob", f.getKey()),
                        clock.instant());
            }
        }
    }

    private boolean plannedElsewhere(Job job) {
        if (job.state() != JobState.HELD && job.state() != JobState.PAUSED) {
            return false;
        }
        return jobs.plan(job.id()).map(p -> !zone.equals(SlurmSubmitter.zoneOf(job, p))).orElse(false);
    }

    private Optional<SlurmJob> find(String slurmId) {
        return slurm.mine(List.of(slurmId)).stream().findFirst();
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
