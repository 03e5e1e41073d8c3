package io.greenwindow.service;

import io.greenwindow.energy.EnergyReport;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.JobState;
import io.greenwindow.job.spec.InferencePlan;
import io.greenwindow.job.spec.JobDocument;
import io.greenwindow.job.spec.JobDocuments;
import io.greenwindow.ledger.InferenceAssumptions;
import io.greenwindow.ledger.JobRecord;
import io.greenwindow.ledger.Ledger;
import io.greenwindow.ledger.SegmentRecord;
import io.greenwindow.node.NodeProfile;
import io.greenwindow.reason.Reason;
import io.greenwindow.reason.ReasonCode;
import io.greenwindow.train.EnergyRecovery;
import io.greenwindow.train.StoredProbe;
import io.greenwindow.train.TrainingLauncher;
import io.greenwindow.train.TrainingOutcome;
import io.greenwindow.train.TrainingProcess;
import io.greenwindow.train.TrainingRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs released jobs on this node, each segment in its own training JVM, at most {@code capacity} at once, and
 * writes what came of each segment: the job's state with its reason, the energy report, the ledger entries.
 */
public final class JobRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    /** Energy is binned on 5-minute intervals, which divide every signal step we accept (5, 15, 30, 60 min). */
    static final Duration ENERGY_BIN = Duration.ofMinutes(5);

    private final JobRepository jobs;
    private final TrainingLauncher launcher;
    private final Ledger ledger;
    private final WorkDirs dirs;
    private final NodeProfile node;
    private final Clock clock;
    private final NodeLimits limits;
    private final ExecutorService executor;
    private final Map<String, TrainingProcess> running = new ConcurrentHashMap<>();
    private final GpuAllocator gpus;
    /** Segments queued or running here, and the GPUs they take: what {@link #hasRoom} counts. */
    private int accepted;
    private int gpusAccepted;
    private volatile Runnable slotFreed = () -> { };
    private final EnergyLogSweep sweep;

    public JobRunner(JobRepository jobs, TrainingLauncher launcher, Ledger ledger, WorkDirs dirs, NodeProfile node,
            Clock clock, NodeLimits limits) {
        this.jobs = jobs;
        this.launcher = launcher;
        this.ledger = ledger;
        this.dirs = dirs;
        this.node = node;
        this.clock = clock;
        this.limits = limits;
        this.gpus = new GpuAllocator(node.usableGpus().stream().map(g -> g.index()).toList());
        this.sweep = new EnergyLogSweep(jobs, ledger, dirs, node, clock);
        this.executor = Executors.newFixedThreadPool(limits.capacity(), r -> {
            Thread t = new Thread(r, "job-runner");
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues a segment of a held or paused job (or a running one being recovered) to run on this node. */
    public void start(String jobId, int segment, String why) {
        start(jobId, segment, Reason.sentence(why));
    }

    /** As {@link #start(String, int, String)}, {@code why} being the reason the job's RUNNING state carries. */
    public void start(String jobId, int segment, Reason why) {
        if (executor.isShutdown()) {
            // Shutting down: the job keeps its state, and recovery at the next start picks it up.
            LOG.warn("Job {} segment {} not started: the node is shutting down", jobId, segment);
            return;
        }
        int gpusTaken = taking(jobId);
        try {
            executor.submit(() -> {
                try {
                    runSegment(jobId, segment, why);
                } catch (RuntimeException e) {
                    LOG.error("Job {} segment {} could not run: {}", jobId, segment, e.getMessage(), e);
                    failQuietly(jobId, Reason.of(ReasonCode.FAILED_TO_RUN, clock.instant())
                            .with("message", String.valueOf(e.getMessage())));
                } finally {
                    freed(gpusTaken);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            freed(gpusTaken);
            LOG.warn("Job {} segment {} not started: the node is shutting down", jobId, segment);
        }
    }

    /**
     * Whether a segment wanting {@code wanted} GPUs would start at once here: a job slot free, and the GPUs (a node
     * without usable GPUs trains such jobs on the CPU, so then only the slot counts).
     */
    public synchronized boolean hasRoom(int wanted) {
        int gpusWanted = Math.min(wanted, gpus.total());
        return !executor.isShutdown() && accepted < limits.capacity() && gpusAccepted + gpusWanted <= gpus.total();
    }

    /** Calls {@code listener} each time a segment ends here, so that a release waiting for room is taken at once. */
    public void onSlotFreed(Runnable listener) {
        this.slotFreed = listener;
    }

    private synchronized int taking(String jobId) {
        int wanted;
        try {
            wanted = Math.min(jobs.get(jobId).gpus(), gpus.total());
        } catch (RuntimeException e) {
            wanted = 0; // an unknown job is ignored by runSegment; it takes a slot only until then
        }
        accepted++;
        gpusAccepted += wanted;
        return wanted;
    }

    private void freed(int gpusTaken) {
        synchronized (this) {
            accepted--;
            gpusAccepted -= gpusTaken;
        }
        slotFreed.run();
    }

    /** Asks a running job to checkpoint and stop at its next batch. */
    public boolean pause(String jobId) {
        TrainingProcess p = running.get(jobId);
        if (p == null) {
            return false;
        }
        p.requestPause();
        return true;
    }

    /** Stops a running job at once (cancel). Its energy so far is still written to the ledger. */
    public boolean kill(String jobId) {
        TrainingProcess p = running.get(jobId);
        if (p == null) {
            return false;
        }
        p.kill();
        return true;
    }

    /**
     * Accounts the segments a dead service never saw finish (their energy logs survive in the work dir): each
     * becomes a segment of the job, with its ledger entry. Called at start, before the job is resumed.
     *
     * @return how many segments were recovered
     */
    public int recoverOrphanedSegments(Job job) {
        List<EnergyRecovery.Found> orphans = EnergyRecovery.find(dirs.of(job.id()), node, ENERGY_BIN);
        int index = job.segmentsRun();
        int recovered = 0;
        for (EnergyRecovery.Found orphan : orphans) {
            int segment = index++;
            EnergyReport energy = orphan.report();
            if (!sweep.account(job, segment, orphan, "recovered segment " + segment)) {
                break; // the log stays unreported: the next recovery accounts it (and those after it) again
            }
            jobs.recordOutcome(job.id(), segment + 1, null, "segment " + (segment + 1) + " cut short by a service"
                    + " crash; its energy was recovered from its log" + (energy.coversWholeSegment() ? ""
                    : " up to its last sample (" + "the rest was not measured)"), null, clock.instant());
            recovered++;
        }
        return recovered;
    }

    /**
     * Accounts the unreported energy logs of this node's finished jobs (their ledger write failed when the segment
     * ended) and writes a completed job's missing JOB entry: the periodic pass's part of "energy is never lost".
     *
     * @return how many segment logs were accounted
     */
    public int accountUnreportedEnergy() {
        return sweep.sweep(this::recordMissingJobEntry);
    }

    /**
     * Writes the JOB entry of a completed job that has none: the service died between the job's completion and
     * its entry. Its segments' energy and its probe are read back from its work dir.
     *
     * @return whether an entry was written
     */
    public boolean recordMissingJobEntry(Job job) {
        if (job.state() != JobState.COMPLETED || ledger.hasJobEntry(job.id())) {
            return false;
        }
        String zone = job.zone() != null ? job.zone() : job.zones().get(0);
        InferencePlan inference = JobDocuments.fromJson(job.specYaml()).inference();
        Instant finished = job.finishedAt() != null ? job.finishedAt() : job.updatedAt();
        LOG.info("Writing the missing ledger entry of completed job {}", job.id());
        return record(() -> ledger.recordJob(new JobRecord(job.id(), job.name(), job.team(), zone, job.submittedAt(),
                job.startedAt(), finished, dirs.energy(job.id()), assumptions(inference),
                StoredProbe.read(dirs.of(job.id())))), job.id(), "job, after a restart");
    }

    public boolean isRunning(String jobId) {
        return running.containsKey(jobId);
    }

    private void runSegment(String jobId, int segment, Reason why) {
        Job job = jobs.get(jobId);
        JobState from = job.state();
        if (running.containsKey(jobId) || !(from == JobState.HELD || from == JobState.PAUSED
                || from == JobState.SUBMITTED || from == JobState.RUNNING)) {
            LOG.info("Job {} is {}: release of segment {} ignored", jobId, from, segment);
            return;
        }
        // The job runs, and is accounted, in this node's zone: the release queue hands a release only to a node of
        // the planned zone, while the job's stored zone can still be the one of its first plan.
        String zone = node.zone() != null ? node.zone() : job.zone() != null ? job.zone() : job.zones().get(0);
        List<Integer> devices;
        try {
            devices = gpus.acquire(job.gpus());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            if (!jobs.markStarted(jobId, from, zone, node.name(), why.and(gpuNote(job.gpus(), devices)), clock.instant())) {
                return;
            }
            Job started = jobs.get(jobId);
            dirs.writeJobJson(started);
            JobDocument document = BaseModels.resolve(JobDocuments.fromJson(started.specYaml()), jobs);
            TrainingRequest request = new TrainingRequest(jobId, dirs.prepare(started, document), dirs.of(jobId),
                    dirs.jobsDir(), limits.ompThreads(), limits.maxPhysicalBytes(), ENERGY_BIN,
                    Map.of("CUDA_VISIBLE_DEVICES", GpuAllocator.visibleDevices(devices)));
            TrainingProcess process = launcher.start(request);
            running.put(jobId, process);
            TrainingOutcome outcome;
            try {
                outcome = process.awaitExit();
            } finally {
                running.remove(jobId);
            }
            finish(started, zone, outcome, process.energyLog());
        } finally {
            gpus.release(devices);
        }
    }

    /** Says so when a job gets fewer GPUs than it asked for; silent otherwise. */
    private Reason gpuNote(int wanted, List<Integer> devices) {
        Instant now = clock.instant();
        if (wanted == 0 || devices.size() == wanted) {
            return devices.isEmpty() ? null : Reason.of(ReasonCode.ON_GPUS, now)
                    .with("devices", GpuAllocator.visibleDevices(devices));
        }
        if (devices.isEmpty()) {
            return Reason.of(ReasonCode.NO_USABLE_GPU, now).with("wanted", wanted).with("node", node.name());
        }
        return Reason.of(ReasonCode.FEWER_GPUS, now).with("wanted", wanted).with("node", node.name())
                .with("got", devices.size()).with("devices", GpuAllocator.visibleDevices(devices));
    }

    private void finish(Job job, String zone, TrainingOutcome outcome, java.nio.file.Path energyLog) {
        Instant now = clock.instant();
        int index = job.segmentsRun();
        EnergyReport energy = outcome.energy();
        if (energy != null) {
            sweep.saveEnergy(job.id(), index, energy);
            // Only once the ledger holds the energy is its log marked reported; until then (a full disk, a crash
            // right here) the next recovery accounts it from the log.
            if (record(() -> ledger.recordSegment(new SegmentRecord(job.id(), job.name(), job.team(), zone, index,
                    job.submittedAt(), energy)), job.id(), "segment " + index)) {
                EnergyLogSweep.markReported(energyLog);
            }
        }
        jobs.recordOutcome(job.id(), index + 1, outcome.modelFile() == null ? null : outcome.modelFile().toString(),
                outcome.summary(), outcome.backend(), now);
        Job current = jobs.get(job.id());
        if (current.state() != JobState.RUNNING) {
            return; // cancelled while it ran: the cancel wrote the state and its reason
        }
        switch (outcome.status()) {
            case COMPLETED -> {
                jobs.transition(job.id(), JobState.RUNNING, JobState.COMPLETED, Reason.of(ReasonCode.COMPLETED, now)
                        .with("segments", index + 1).with("summary", String.valueOf(outcome.summary())), now);
                dirs.writeJobJson(jobs.get(job.id()));
                InferencePlan inference = JobDocuments.fromJson(job.specYaml()).inference();
                List<EnergyReport> segments = dirs.energy(job.id());
                record(() -> ledger.recordJob(new JobRecord(job.id(), job.name(), job.team(), zone, job.submittedAt(),
                        current.startedAt(), now, segments, assumptions(inference), outcome.probe())), job.id(), "job");
            }
            case PAUSED -> jobs.transition(job.id(), JobState.RUNNING, JobState.PAUSED,
                    Reason.of(ReasonCode.PAUSED_AT_CHECKPOINT, now).with("segment", index + 1)
                            .with("summary", String.valueOf(outcome.summary())), now);
            case FAILED -> jobs.transition(job.id(), JobState.RUNNING, JobState.FAILED,
                    Reason.of(ReasonCode.FAILED, now).with("message", String.valueOf(outcome.message())), now);
        }
    }

    private static InferenceAssumptions assumptions(InferencePlan plan) {
        return plan == null ? null : new InferenceAssumptions(plan.requestsPerDay(), plan.lifetimeDays(),
                plan.tokensPerResponse(), plan.zone(), plan.pue(), plan.servedAlongside());
    }

    /** A ledger that cannot write now (history not yet known, say) must not lose the job's own state change. */
    private static boolean record(Runnable write, String jobId, String what) {
        return EnergyLogSweep.record(write, jobId, what);
    }

    private void failQuietly(String jobId, Reason reason) {
        try {
            Job job = jobs.get(jobId);
            if (!job.state().isFinal()) {
                jobs.transition(jobId, job.state(), JobState.FAILED, reason, clock.instant());
            }
        } catch (RuntimeException e) {
            LOG.error("Could not mark job {} failed: {}", jobId, e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        running.values().forEach(TrainingProcess::kill);
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String nodeName() {
        return node.name();
    }
}
