package io.greenwindow.executor.slurm;

import io.greenwindow.job.Job;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.service.WorkDirs;
import io.greenwindow.train.TrainingOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final JobRepository jobs;
    private final WorkDirs dirs;
    private final SlurmClient slurm;
    private final SlurmJobIds ids;
    private final SlurmAccounting accounting;
    private final String serviceNode;
    private final Clock clock;
    private final Map<String, String> startReasons = new ConcurrentHashMap<>();
    private final Set<String> pausing = ConcurrentHashMap.newKeySet();
    private final Map<String, String> lastState = new ConcurrentHashMap<>();

    SlurmQueueFollower(JobRepository jobs, WorkDirs dirs, SlurmClient slurm, SlurmJobIds ids,
            SlurmAccounting accounting, String serviceNode, Clock clock) {
        this.jobs = jobs;
        this.dirs = dirs;
        this.slurm = slurm;
        this.ids = ids;
        this.accounting = accounting;
        this.serviceNode = serviceNode;
        this.clock = clock;
    }

    /** The service released the job: the reason its RUNNING state will carry once Slurm runs it. */
    void released(String jobId, String why) {
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
            next = job.deadline().minus(left).minus(SlurmExecutor.LIMIT_MARGIN);
        }
        slurm.setStart(sj.id(), SlurmExecutor.secondsUntil(now, next));
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
                ids.forget(job.id());
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

    private String now() {
        return HHMM.format(clock.instant());
    }
}
