package io.greenwindow.executor.slurm;

import io.greenwindow.executor.Executor;
import io.greenwindow.executor.ZoneCapacity;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.ledger.Ledger;
import io.greenwindow.service.NodeLimits;
import io.greenwindow.service.WorkDirs;
import io.greenwindow.train.TrainingOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    static final int OUTPUT_TAIL_LINES = 15;
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final JobRepository jobs;
    private final WorkDirs dirs;
    private final SlurmClient slurm;
    private final SlurmSettings settings;
    private final NodeLimits limits;
    private final String serviceNode;
    private final String zone;
    private final Double pue;
    private final Clock clock;
    private final SlurmAccounting accounting;
    private final Map<String, String> startReasons = new ConcurrentHashMap<>();
    private final Set<String> pausing = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller;
    private volatile Map<String, SlurmJob> lastSeen = Map.of();
    private final Map<String, String> lastState = new ConcurrentHashMap<>();

    public SlurmExecutor(JobRepository jobs, Ledger ledger, SlurmClient slurm, SlurmSettings settings,
            NodeLimits limits, String serviceNode, String zone, Double pue, Clock clock) {
        this.jobs = jobs;
        this.dirs = new WorkDirs(settings.sharedDir());
        this.slurm = slurm;
        this.settings = settings;
        this.limits = limits;
        this.serviceNode = serviceNode;
        this.zone = zone;
        this.pue = pue;
        this.clock = clock;
        this.accounting = new SlurmAccounting(jobs, ledger, dirs, clock, ENERGY_BIN);
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slurm-poller");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts reading the queue every {@link SlurmSettings#poll()}. */
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
        Path f = idFile(jobId);
        try {
            return Files.exists(f) ? Optional.of(Files.readString(f).trim()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + f, e);
        }
    }

    @Override
    public synchronized void planned(Job job, StoredPlan plan) {
        Instant begin = plan.segments().isEmpty() ? clock.instant() : plan.segments().get(0).start();
        long inSeconds = Math.max(0, Duration.between(clock.instant(), begin).toSeconds());
        String comment = comment(plan.reason());
        try {
            Optional<String> id = slurmId(job.id()).or(() -> adopt(job.id()));
            if (id.isEmpty()) {
                String misfit = misfit(job);
                if (misfit != null) {
                    jobs.transition(job.id(), job.state(), JobState.FAILED, "cannot run at " + now() + ": " + misfit,
                            clock.instant());
                    return;
                }
                submit(job, begin, comment);
                return;
            }
            SlurmJob seen = find(id.get()).orElse(null);
            if (seen != null && seen.isPending()) {
                slurm.setStart(id.get(), inSeconds);
                slurm.setComment(id.get(), comment);
                if (seen.isHeld()) {
                    slurm.release(id.get());
                }
            }
        } catch (SlurmException e) {
            LOG.error("Slurm refused job {}: {}", job.id(), e.getMessage());
            Job now = jobs.get(job.id());
            if (!now.state().isFinal() && now.state() != JobState.RUNNING) {
                jobs.transition(job.id(), now.state(), JobState.FAILED, "failed at " + HHMM.format(clock.instant())
                        + ": Slurm refused the job: " + e.getMessage(), clock.instant());
            }
        }
    }

    private void submit(Job job, Instant begin, String comment) {
        Path spec = dirs.prepare(job);
        Path work = spec.getParent();
        long inSeconds = Math.max(0, Duration.between(clock.instant(), begin).toSeconds());
        String script = BatchScript.render(job.id(), work, dirs.jobsDir(), settings, zone, pue, limits.ompThreads(),
                limits.maxPhysicalBytes(), (int) ENERGY_BIN.toMinutes());
        long memory = settings.memoryMb() > 0 ? settings.memoryMb() : (limits.maxPhysicalBytes() >> 20) + 1024;
        String id = slurm.submit(new SlurmClient.Submission(slurmName(job.id()), comment, settings.partition(),
                settings.account(), settings.qos(), job.gpus(), limits.ompThreads(), memory,
                timeLimitMinutes(job, begin), inSeconds, work.toString(), work.resolve("slurm-%j.out").toString(),
                script));
        writeId(job.id(), id);
        LOG.info("Job {} submitted to Slurm as job {} ({}), to start in {} s", job.id(), id, slurmName(job.id()),
                inSeconds);
    }

    /**
     * Why the partition can never run the job (each greenwindow job runs on one node), or null: asked before
     * submitting, so the plan never asks the partition for more GPUs or CPUs than one of its nodes has.
     */
    private String misfit(Job job) {
        List<SlurmClient.Node> nodes = slurm.nodes(settings.partition());
        int gpus = nodes.stream().mapToInt(SlurmClient.Node::gpus).max().orElse(0);
        int cpus = nodes.stream().mapToInt(SlurmClient.Node::cpus).max().orElse(0);
        String partition = "Slurm partition " + (settings.partition() == null ? "(default)" : settings.partition());
        if (job.gpus() > gpus) {
            return "job needs " + job.gpus() + " GPU(s) on one node but the largest node of " + partition + " has "
                    + gpus;
        }
        if (limits.ompThreads() > cpus) {
            return "job needs " + limits.ompThreads() + " CPU(s) on one node but the largest node of " + partition
                    + " has " + cpus;
        }
        return null;
    }

    /**
     * A Slurm job already named for this job whose id was never recorded (the service died between sbatch and
     * writing the id): adopted rather than submitted twice.
     */
    private Optional<String> adopt(String jobId) {
        Optional<String> found = slurm.jobs().stream()
                .filter(j -> j.name().equals(slurmName(jobId)) && !j.isFinished()).map(SlurmJob::id).findFirst();
        found.ifPresent(id -> writeId(jobId, id));
        return found;
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
    public synchronized void start(String jobId, int segment, String why) {
        Job job = jobs.get(jobId);
        if (job.state().isFinal()) {
            return;
        }
        try {
            Optional<String> id = slurmId(jobId);
            if (id.isEmpty()) {
                submit(job, clock.instant(), comment(why));
                id = slurmId(jobId);
            }
            startReasons.put(jobId, why);
            SlurmJob seen = find(id.get()).orElse(null);
            if (seen == null || seen.isPending()) {
                slurm.setStart(id.get(), 0);
                slurm.setComment(id.get(), comment(why));
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
        pausing.add(jobId);
        try {
            slurm.requeueHold(id.get());
            return true;
        } catch (SlurmException e) {
            // It runs on to its end, which still meets its deadline; the next plan sees it running.
            pausing.remove(jobId);
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
            LOG.warn("Reading the Slurm queue failed: {}", e.getMessage());
        }
    }

    /** Reads the queue once and writes into each greenwindow job what Slurm did with it since the last read. */
    public synchronized void poll() {
        Map<String, SlurmJob> byId = new HashMap<>();
        for (SlurmJob j : slurm.jobs()) {
            if (j.name().startsWith(NAME_PREFIX)) {
                byId.put(j.id(), j);
            }
        }
        lastSeen = byId;
        for (SlurmJob sj : byId.values()) {
            String jobId = sj.name().substring(NAME_PREFIX.length());
            Optional<Job> job = jobs.find(jobId);
            if (job.isPresent() && slurmId(jobId).map(sj.id()::equals).orElse(false)) {
                follow(job.get(), sj);
            }
        }
        for (Job job : jobs.inStates(JobState.RUNNING)) {
            Optional<String> id = slurmId(job.id());
            if (id.isPresent() && !byId.containsKey(id.get())) {
                jobs.transition(job.id(), JobState.RUNNING, JobState.FAILED, "failed at " + now()
                        + ": Slurm no longer knows job " + id.get() + " (it finished more than MinJobAge ago "
                        + "while the service was down, or slurmctld lost its state)", clock.instant());
            }
        }
    }

    private void follow(Job job, SlurmJob sj) {
        String seen = sj.state() + " " + sj.reason();
        String before = lastState.put(sj.id(), seen);
        if (!seen.equals(before)) {
            LOG.info("Slurm job {} ({}): {} -> {}; greenwindow job is {}", sj.id(), sj.name(),
                    before == null ? "first seen" : before, seen, job.state());
        }
        JobState state = job.state();
        if (sj.state().equals("RUNNING")) {
            if (state == JobState.HELD || state == JobState.PAUSED) {
                markRunning(job, sj);
            }
            return;
        }
        if (sj.isPending()) {
            if (state == JobState.RUNNING) {
                List<TrainingOutcome> runs = accounting.accountRuns(job, sj);
                boolean asked = pausing.remove(job.id());
                String why = asked
                        ? "paused at " + now() + " after segment " + jobs.get(job.id()).segmentsRun()
                                + " (checkpoint saved; Slurm job " + sj.id() + " requeued held)"
                        : "requeued by Slurm at " + now() + " (" + sj.reason() + ", restart " + sj.restarts()
                                + "): resumes from its last checkpoint when Slurm starts it again";
                if (!runs.isEmpty() && !asked) {
                    why += "; " + runs.get(runs.size() - 1).message();
                }
                jobs.transition(job.id(), JobState.RUNNING, JobState.PAUSED, why, clock.instant());
                state = JobState.PAUSED;
            }
            if (state == JobState.PAUSED && sj.isHeld()) {
                armNextSegment(jobs.get(job.id()), sj);
            }
            return;
        }
        if (sj.isFinished()) {
            finished(job, sj);
        }
    }

    private void markRunning(Job job, SlurmJob sj) {
        String why = startReasons.remove(job.id());
        if (why == null) {
            why = job.state() == JobState.PAUSED
                    ? "resumed by Slurm at " + now() + " from its last checkpoint (its next planned start, or Slurm's "
                            + "own requeue)"
                    : "started by Slurm at " + now() + " at its planned start (no release from the service reached it)";
        }
        String where = " in Slurm job " + sj.id() + " on node " + sj.nodes()
                + (sj.gpus() > 0 ? " with " + sj.gpus() + " GPU(s)" : "");
        jobs.markStarted(job.id(), job.state(), SlurmAccounting.zoneOf(job), serviceNode, why + where, clock.instant());
        dirs.writeJobJson(jobs.get(job.id()));
    }

    /** After a requeuehold: the next planned segment's start, so Slurm starts it then even without the service. */
    private void armNextSegment(Job job, SlurmJob sj) {
        Instant now = clock.instant();
        Instant next = jobs.plan(job.id()).flatMap(p -> p.segments().stream().map(StoredPlan.Segment::start)
                .filter(s -> !s.isBefore(now)).findFirst()).orElse(null);
        if (next == null) {
            // No segment left in the plan: the heartbeat plans the job again; meanwhile its latest safe start.
            Duration left = job.estimatedDuration();
            next = job.deadline().minus(left).minus(LIMIT_MARGIN);
        }
        slurm.setStart(sj.id(), Math.max(0, Duration.between(now, next).toSeconds()));
        slurm.release(sj.id());
    }

    private void finished(Job job, SlurmJob sj) {
        List<TrainingOutcome> runs = accounting.accountRuns(job, sj);
        Job current = jobs.get(job.id());
        if (current.state().isFinal()) {
            return; // cancelled in greenwindow (its reason is written) or done: the energy is accounted above
        }
        TrainingOutcome last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        if (current.state() != JobState.RUNNING) {
            // It ran and ended while the service was down: say so on the way, so history shows the run.
            jobs.markStarted(job.id(), current.state(), SlurmAccounting.zoneOf(job), serviceNode,
                    "ran in Slurm job " + sj.id() + " on node " + sj.nodes() + " while the service was not watching",
                    clock.instant());
            current = jobs.get(job.id());
        }
        Instant at = clock.instant();
        switch (sj.state()) {
            case "COMPLETED" -> {
                if (last != null && last.status() == TrainingOutcome.Status.COMPLETED) {
                    jobs.transition(job.id(), JobState.RUNNING, JobState.COMPLETED, "completed at " + now()
                            + " in Slurm job " + sj.id() + " on node " + sj.nodes() + " after "
                            + current.segmentsRun() + " segment(s): " + last.message(), at);
                    accounting.completed(jobs.get(job.id()), last);
                } else {
                    fail(job, sj, "Slurm job " + sj.id() + " ended without a completed training");
                }
            }
            case "CANCELLED" -> jobs.transition(job.id(), JobState.RUNNING, JobState.CANCELLED, "cancelled in Slurm at "
                    + now() + " (scancel outside greenwindow, Slurm job " + sj.id() + " of user " + sj.user()
                    + "; without accounting Slurm does not record who ran it)"
                    + (runs.isEmpty() ? "" : "; energy so far is in the ledger"), at);
            case "PREEMPTED" -> {
                // Preempted without requeue: a new Slurm job resumes from the checkpoint at the next plan.
                deleteId(job.id());
                jobs.transition(job.id(), JobState.RUNNING, JobState.PAUSED, "preempted in Slurm at " + now()
                        + " (Slurm job " + sj.id() + "): resumes from its last checkpoint in a new Slurm job", at);
            }
            case "TIMEOUT" -> fail(job, sj, "ran past its Slurm time limit");
            case "NODE_FAIL" -> fail(job, sj, "node " + sj.nodes() + " failed");
            case "OUT_OF_MEMORY" -> fail(job, sj, "ran out of memory");
            default -> fail(job, sj, last != null && last.status() == TrainingOutcome.Status.FAILED ? last.message()
                    : "the batch script exited with code " + sj.exitCode()
                            + (sj.signal() > 0 ? " (signal " + sj.signal() + ")" : "") + "\n" + outputTail(sj));
        }
    }

    private void fail(Job job, SlurmJob sj, String why) {
        jobs.transition(job.id(), JobState.RUNNING, JobState.FAILED, "failed at " + now() + " in Slurm job " + sj.id()
                + " (" + sj.state() + ", exit code " + sj.exitCode() + ") on node " + sj.nodes() + ": " + why,
                clock.instant());
    }

    /** The last lines of the job's Slurm output file, where the batch script's own errors go. */
    private static String outputTail(SlurmJob sj) {
        if (sj.standardOutput().isBlank()) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(Path.of(sj.standardOutput().replace("%j", sj.id())),
                    StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - OUTPUT_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no output file " + sj.standardOutput() + ")";
        }
    }

    private Optional<SlurmJob> find(String slurmId) {
        return slurm.jobs().stream().filter(j -> j.id().equals(slurmId)).findFirst();
    }

    /** Slurm keeps a comment on one line; greenwindow's reasons are sentences that fit one. */
    private static String comment(String reason) {
        String one = reason == null ? "" : reason.replace('\n', ' ').trim();
        return one.length() > 900 ? one.substring(0, 900) + "..." : one;
    }

    private String now() {
        return HHMM.format(clock.instant());
    }

    private Path idFile(String jobId) {
        return dirs.of(jobId).resolve("slurm-job-id");
    }

    private void writeId(String jobId, String slurmId) {
        Path f = idFile(jobId);
        try {
            Files.createDirectories(f.getParent());
            Path tmp = f.resolveSibling("slurm-job-id.tmp");
            Files.writeString(tmp, slurmId);
            Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record Slurm job " + slurmId + " of job " + jobId, e);
        }
    }

    private void deleteId(String jobId) {
        try {
            Files.deleteIfExists(idFile(jobId));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot forget the Slurm job of job " + jobId, e);
        }
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
