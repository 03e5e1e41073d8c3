package io.greenwindow.executor.slurm;

import io.greenwindow.job.Job;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.reason.Reason;
import io.greenwindow.reason.ReasonCode;
import io.greenwindow.service.NodeLimits;
import io.greenwindow.service.WorkDirs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries stored plans to the cluster: a job's first plan becomes an sbatch ({@code --begin} at the planned
 * start, the reason as comment), a later one moves the start and the comment of its pending Slurm job. A plan is
 * first a row of {@link SlurmSubmissions}, written in the planning transaction; it is carried out after the commit
 * (and at every poll and start, for requests a crash or an unreachable controller left), never inside it.
 */
final class SlurmSubmitter {

    private static final Logger LOG = LoggerFactory.getLogger(SlurmSubmitter.class);
    /** What the Slurm clients print when they cannot reach slurmctld: the request waits for the next try. */
    private static final List<String> UNREACHABLE = List.of("Unable to contact slurm controller",
            "Socket timed out", "Connection refused", "timed out after");

    private final JobRepository jobs;
    private final WorkDirs dirs;
    private final SlurmClient slurm;
    private final SlurmSettings settings;
    private final NodeLimits limits;
    private final String zone;
    private final Double pue;
    private final Clock clock;
    private final SlurmJobIds ids;
    private final SlurmSubmissions submissions;

    SlurmSubmitter(JobRepository jobs, WorkDirs dirs, SlurmClient slurm, SlurmSettings settings, NodeLimits limits,
            String zone, Double pue, Clock clock, SlurmJobIds ids, SlurmSubmissions submissions) {
        this.jobs = jobs;
        this.dirs = dirs;
        this.slurm = slurm;
        this.settings = settings;
        this.limits = limits;
        this.zone = zone;
        this.pue = pue;
        this.clock = clock;
        this.ids = ids;
        this.submissions = submissions;
    }

    /** The zone a plan runs in: the only service that carries it to a cluster is that zone's. */
    static String zoneOf(Job job, StoredPlan plan) {
        if (plan.zone() != null) {
            return plan.zone();
        }
        if (!plan.segments().isEmpty() && plan.segments().get(0).zone() != null) {
            return plan.segments().get(0).zone();
        }
        return SlurmAccounting.zoneOf(job);
    }

    /** Writes the request in the open planning transaction; {@code afterCommit} runs once it has committed. */
    void request(Job job, StoredPlan plan, Runnable afterCommit) {
        submissions.request(job.id(), zoneOf(job, plan), clock.instant());
        submissions.afterCommit(afterCommit);
    }

    /** Carries out every request for this zone not carried out yet. */
    void drain() {
        for (SlurmSubmissions.Request r : submissions.pending(zone)) {
            try {
                carry(r.jobId());
                submissions.done(r);
            } catch (SlurmException e) {
                if (UNREACHABLE.stream().anyMatch(e.getMessage()::contains)) {
                    LOG.warn("Slurm is not reachable for job {}; tried again at the next poll: {}", r.jobId(),
                            e.getMessage());
                    return;
                }
                LOG.error("Slurm refused job {}: {}", r.jobId(), e.getMessage());
                Job now = jobs.get(r.jobId());
                if (!now.state().isFinal() && now.state() != JobState.RUNNING) {
                    jobs.transition(now.id(), now.state(), JobState.FAILED, Reason.of(ReasonCode.SLURM_REFUSED,
                            clock.instant()).with("message", e.getMessage()), clock.instant());
                }
                submissions.done(r);
            }
        }
    }

    /** Submits the job's Slurm job, or moves its start and reason, as its newest plan says. */
    private void carry(String jobId) {
        Optional<Job> found = jobs.find(jobId);
        Optional<StoredPlan> stored = jobs.plan(jobId);
        if (found.isEmpty() || stored.isEmpty()) {
            return;
        }
        Job job = found.get();
        StoredPlan plan = stored.get();
        if ((job.state() != JobState.HELD && job.state() != JobState.PAUSED) || !zone.equals(zoneOf(job, plan))) {
            return; // released, finished or planned elsewhere since: nothing of this plan is left to carry
        }
        Instant begin = plan.segments().isEmpty() ? clock.instant() : plan.segments().get(0).start();
        String comment = comment(plan.reason());
        Optional<String> id = ids.of(job.id()).or(() -> adopt(job.id()));
        if (id.isEmpty()) {
            Reason misfit = misfit(job);
            if (misfit != null) {
                jobs.transition(job.id(), job.state(), JobState.FAILED, misfit, clock.instant());
                return;
            }
            submit(job, begin, comment);
            return;
        }
        SlurmJob seen = slurm.mine(List.of(id.get())).stream().findFirst().orElse(null);
        if (seen != null && seen.isPending()) {
            slurm.setStart(id.get(), SlurmExecutor.secondsUntil(clock.instant(), begin));
            slurm.setComment(id.get(), comment);
            if (seen.isHeld()) {
                slurm.release(id.get());
            }
        }
    }

    /** sbatch with {@code --begin} at {@code begin}; records the Slurm job id in the job's shared folder. */
    void submit(Job job, Instant begin, String comment) {
        Path spec = dirs.prepare(job, io.greenwindow.service.BaseModels.resolve(
                io.greenwindow.job.spec.JobDocuments.fromJson(job.specYaml()), jobs));
        Path work = spec.getParent();
        long inSeconds = SlurmExecutor.secondsUntil(clock.instant(), begin);
        String script = BatchScript.render(job.id(), work, dirs.jobsDir(), settings, zone, pue, limits.ompThreads(),
                limits.maxPhysicalBytes(), (int) SlurmExecutor.ENERGY_BIN.toMinutes());
        long memory = settings.memoryMb() > 0 ? settings.memoryMb() : (limits.maxPhysicalBytes() >> 20) + 1024;
        String id = slurm.submit(new SlurmClient.Submission(SlurmExecutor.slurmName(job.id()), comment,
                settings.partition(), settings.account(), settings.qos(), job.gpus(), limits.ompThreads(), memory,
                SlurmExecutor.timeLimitMinutes(job, begin), inSeconds, work.toString(),
                work.resolve("slurm-%j.out").toString(), script));
        ids.write(job.id(), id);
        LOG.info("Job {} submitted to Slurm as job {} ({}), to start in {} s", job.id(), id,
                SlurmExecutor.slurmName(job.id()), inSeconds);
    }

    /**
     * Why the partition can never run the job (each greenwindow job runs on one node), or null: asked before
     * submitting, so the plan never asks the partition for more GPUs or CPUs than one of its nodes has.
     */
    private Reason misfit(Job job) {
        List<SlurmClient.Node> nodes = slurm.nodes(settings.partition());
        int gpus = nodes.stream().mapToInt(SlurmClient.Node::gpus).max().orElse(0);
        int cpus = nodes.stream().mapToInt(SlurmClient.Node::cpus).max().orElse(0);
        if (job.gpus() > gpus) {
            return Reason.of(ReasonCode.SLURM_TOO_FEW_GPUS, clock.instant()).with("needed", job.gpus())
                    .with("partition", settings.partition()).with("largest", gpus);
        }
        if (limits.ompThreads() > cpus) {
            return Reason.of(ReasonCode.SLURM_TOO_FEW_CPUS, clock.instant()).with("needed", limits.ompThreads())
                    .with("partition", settings.partition()).with("largest", cpus);
        }
        return null;
    }

    /**
     * A Slurm job of ours already named for this job whose id was never recorded (the service died between sbatch
     * and writing the id): adopted rather than submitted twice. Another user's job of that name is never ours.
     */
    private Optional<String> adopt(String jobId) {
        Optional<String> found = slurm.mineNamed(SlurmExecutor.slurmName(jobId)).stream()
                .filter(j -> !j.isFinished()).map(SlurmJob::id).findFirst();
        found.ifPresent(id -> ids.write(jobId, id));
        return found;
    }

    /** Slurm keeps a comment on one line; greenwindow's reasons are sentences that fit one. */
    static String comment(String reason) {
        String one = reason == null ? "" : reason.replace('\n', ' ').trim();
        return one.length() > 900 ? one.substring(0, 900) + "..." : one;
    }
}
