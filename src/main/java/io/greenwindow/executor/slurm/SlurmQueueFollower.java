package io.greenwindow.executor.slurm;

import io.greenwindow.job.Job;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.reason.Reason;
import io.greenwindow.reason.ReasonCode;
import io.greenwindow.service.WorkDirs;
import io.greenwindow.train.TrainingOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes into a greenwindow job what Slurm did with its Slurm job since the queue was last read: started (by a
 * release or by Slurm at its begin time), requeued (a pause asked for, or Slurm's own: preemption, node failure),
 * finished (COMPLETED, FAILED with the exit code and the output's last lines, CANCELLED outside greenwindow,
 * TIMEOUT, NODE_FAIL, OUT_OF_MEMORY, PREEMPTED), each run's energy accounted on the way.
 */
final class SlurmQueueFollower {

    private static final Logger LOG = LoggerFactory.getLogger(SlurmQueueFollower.class);
    static final int OUTPUT_TAIL_LINES = 15;
    /**
     * How long a job Slurm requeued by itself may still be stopping after squeue shows it PENDING: after a node
     * failure slurmctld requeues at once while the old run still gets TERM, checkpoints and exits within KillWait
     * (30 s by default). Until its outcome is written (or this has passed), the job stays RUNNING here, so that
     * its energy is accounted once, from its outcome, and the PAUSED reason says where it stopped.
     */
    static final Duration STOPPING_WAIT = Duration.ofSeconds(60);

    private final JobRepository jobs;
    private final WorkDirs dirs;
    private final SlurmClient slurm;
    private final SlurmJobIds ids;
    private final SlurmAccounting accounting;
    private final String serviceNode;
    /** The zone of this service's cluster: where every job it follows runs, whatever zone it was first planned in. */
    private final String zone;
    private final Clock clock;
    private final Map<String, Reason> startReasons = new ConcurrentHashMap<>();
    private final Set<String> pausing = ConcurrentHashMap.newKeySet();
    private final Map<String, String> lastState = new ConcurrentHashMap<>();
    /** Per job Slurm requeued by itself, how many reads of the queue have waited for its run's outcome. */
    private final Map<String, Integer> stopping = new ConcurrentHashMap<>();
    private final int stoppingReads;

    /** @param poll how often the queue is read: the wait for a stopping run is counted in reads */
    SlurmQueueFollower(JobRepository jobs, WorkDirs dirs, SlurmClient slurm, SlurmJobIds ids,
            SlurmAccounting accounting, String serviceNode, String zone, Clock clock, Duration poll) {
        this.zone = zone;
        this.stoppingReads = (int) Math.max(1, (STOPPING_WAIT.toMillis() + poll.toMillis() - 1) / poll.toMillis());
        this.jobs = jobs;
        this.dirs = dirs;
        this.slurm = slurm;
        this.ids = ids;
        this.accounting = accounting;
        this.serviceNode = serviceNode;
        this.clock = clock;
    }

    /** The service released the job: the reason its RUNNING state will carry once Slurm runs it. */
    void released(String jobId, Reason why) {
        startReasons.put(jobId, why);
    }

    /** The service asked for a pause: the requeue that follows is a pause, not Slurm's own. */
    void pausing(String jobId) {
        pausing.add(jobId);
    }

    void notPausing(String jobId) {
        pausing.remove(jobId);
    }

    void follow(Job job, SlurmJob sj) {
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
            boolean requeuedBySlurm = false;
            if (state == JobState.RUNNING) {
                if (!pausing.contains(job.id()) && SegmentOutcome.unaccounted(dirs.of(job.id())).isEmpty()
                        && stopping.merge(job.id(), 1, Integer::sum) <= stoppingReads) {
                    return; // requeued by Slurm while its run may still be checkpointing: wait for its outcome
                }
                stopping.remove(job.id());
                List<TrainingOutcome> runs = accounting.accountRuns(job, sj);
                boolean asked = pausing.remove(job.id());
                requeuedBySlurm = !asked;
                Reason why = asked
                        ? reason(ReasonCode.SLURM_PAUSED).with("segment", jobs.get(job.id()).segmentsRun())
                                .with("slurmJob", sj.id())
                        : requeuedWhy(sj).with("run", runs.isEmpty() ? null : runs.get(runs.size() - 1).message());
                jobs.transition(job.id(), JobState.RUNNING, JobState.PAUSED, why, clock.instant());
                state = JobState.PAUSED;
            }
            if (state == JobState.PAUSED && (sj.isHeld() || requeuedBySlurm)) {
                armNextSegment(jobs.get(job.id()), sj);
            }
            return;
        }
        if (sj.isFinished()) {
            finished(job, sj);
        }
    }

    /**
     * Slurm requeued a running job by itself (preemption with PreemptMode=REQUEUE, a node failure, an admin's
     * scontrol requeue): squeue shows only PENDING and a restart count, so the cause is read from what slurmstepd
     * wrote into the job's output.
     */
    private Reason requeuedWhy(SlurmJob sj) {
        InterruptionNotice notice = InterruptionNotice.newestIn(sj).orElse(null);
        if (notice != null && (notice.isPreemption() || notice.isNodeFailure())) {
            return reason(notice.isPreemption() ? ReasonCode.SLURM_PREEMPTED_REQUEUED
                    : ReasonCode.SLURM_NODE_FAILED_REQUEUED).with("slurmJob", sj.id())
                    .with("restart", sj.restarts()).with("node", notice.node());
        }
        return reason(ReasonCode.SLURM_REQUEUED).with("slurmJob", sj.id()).with("restart", sj.restarts())
                .with("slurmReason", sj.reason()).with("says", notice == null ? null : notice.cause());
    }

    private void markRunning(Job job, SlurmJob sj) {
        Reason why = startReasons.remove(job.id());
        if (why == null) {
            why = reason(job.state() == JobState.PAUSED ? ReasonCode.SLURM_RESUMED : ReasonCode.SLURM_STARTED);
        }
        Reason where = reason(ReasonCode.IN_SLURM_JOB).with("slurmJob", sj.id()).with("node", sj.nodes())
                .with("gpus", sj.gpus());
        jobs.markStarted(job.id(), job.state(), zone, serviceNode, why.and(where), clock.instant());
        dirs.writeJobJson(jobs.get(job.id()));
    }

    /**
     * After a requeue: Slurm is to start the job at its next planned segment (at once when the planned segment it
     * ran in still goes on: Slurm took it away inside its window), even without the service. A held job (our own
     * requeuehold) is released to wait for that start; Slurm's own requeue leaves it unheld.
     */
    private void armNextSegment(Job job, SlurmJob sj) {
        Instant now = clock.instant();
        Instant next = jobs.plan(job.id()).flatMap(p -> p.segments().stream()
                .filter(s -> s.end().isAfter(now)).map(s -> s.start().isBefore(now) ? now : s.start())
                .findFirst()).orElse(null);
        if (next == null) {
            // No segment left in the plan: the heartbeat plans the job again; meanwhile its latest safe start.
            Duration left = job.estimatedDuration();
            next = job.deadline().minus(left).minus(SlurmExecutor.LIMIT_MARGIN);
        }
        slurm.setStart(sj.id(), SlurmExecutor.secondsUntil(now, next));
        if (sj.isHeld()) {
            slurm.release(sj.id());
        }
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
            jobs.markStarted(job.id(), current.state(), zone, serviceNode, reason(ReasonCode.SLURM_RAN_UNWATCHED)
                    .with("slurmJob", sj.id()).with("node", sj.nodes()), clock.instant());
            current = jobs.get(job.id());
        }
        Instant at = clock.instant();
        switch (sj.state()) {
            case "COMPLETED" -> {
                if (last != null && last.status() == TrainingOutcome.Status.COMPLETED) {
                    jobs.transition(job.id(), JobState.RUNNING, JobState.COMPLETED, reason(ReasonCode.SLURM_COMPLETED)
                            .with("slurmJob", sj.id()).with("node", sj.nodes()).with("segments", current.segmentsRun())
                            .with("summary", last.message()), at);
                    accounting.completed(jobs.get(job.id()), last);
                } else {
                    fail(job, sj, reason(ReasonCode.SLURM_NO_COMPLETED_TRAINING).with("slurmJob", sj.id()));
                }
            }
            case "CANCELLED" -> jobs.transition(job.id(), JobState.RUNNING, JobState.CANCELLED,
                    reason(ReasonCode.SLURM_CANCELLED).with("slurmJob", sj.id()).with("user", sj.user())
                            .with("accounted", !runs.isEmpty()), at);
            // Ended for good without a requeue (PreemptMode=CANCEL, or a job an admin made non-requeueable): not
            // the job's fault, so a new Slurm job resumes from the checkpoint when the job is next planned.
            case "PREEMPTED" -> endedWithoutRequeue(job, reason(ReasonCode.SLURM_PREEMPTED_ENDED)
                    .with("slurmJob", sj.id()));
            case "NODE_FAIL" -> endedWithoutRequeue(job, reason(ReasonCode.SLURM_NODE_FAILED_ENDED)
                    .with("slurmJob", sj.id()).with("node", sj.nodes()));
            case "TIMEOUT" -> fail(job, sj, reason(ReasonCode.SLURM_TIME_LIMIT).with("minutes", sj.timeLimitMinutes())
                    .with("factor", SlurmExecutor.LIMIT_FACTOR).with("margin", SlurmExecutor.LIMIT_MARGIN)
                    .with("checkpoint", last != null && last.status() == TrainingOutcome.Status.PAUSED
                            ? last.message() : null));
            case "OUT_OF_MEMORY" -> fail(job, sj, reason(ReasonCode.SLURM_OUT_OF_MEMORY));
            default -> fail(job, sj, last != null && last.status() == TrainingOutcome.Status.FAILED
                    ? reason(ReasonCode.SLURM_RUN_FAILED).with("message", last.message())
                    : reason(ReasonCode.SLURM_SCRIPT_EXITED).with("exitCode", sj.exitCode())
                            .with("signal", sj.signal() > 0 ? sj.signal() : null).with("tail", outputTail(sj)));
        }
    }

    private void endedWithoutRequeue(Job job, Reason why) {
        ids.forget(job.id());
        jobs.transition(job.id(), JobState.RUNNING, JobState.PAUSED, why, clock.instant());
    }

    /** FAILED, saying in which Slurm job and state, {@code why} after it. */
    private void fail(Job job, SlurmJob sj, Reason why) {
        jobs.transition(job.id(), JobState.RUNNING, JobState.FAILED, reason(ReasonCode.SLURM_FAILED)
                .with("slurmJob", sj.id()).with("state", sj.state()).with("exitCode", sj.exitCode())
                .with("node", sj.nodes()).because(why), clock.instant());
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

    /** A reason of {@code code} made now. */
    private Reason reason(ReasonCode code) {
        return Reason.of(code, clock.instant());
    }
}
