package io.greenwindow.service;

import io.greenwindow.executor.Executor;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.JobState;
import io.greenwindow.node.ReleaseScheduler;
import io.greenwindow.plan.JobPlanner;
import io.greenwindow.node.ReleaseAction;
import io.greenwindow.reason.Reason;
import io.greenwindow.reason.ReasonCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks up, at start, what a crash or stop left behind: a job that was running resumes from its last checkpoint;
 * a job submitted but never planned, or held without any trigger, is planned again. Held jobs with triggers need
 * nothing: their triggers live in the job store and missed ones fire at once.
 */
public final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final JobRepository jobs;
    private final JobPlanner planner;
    private final PlanScheduling scheduling;
    private final ReleaseScheduler releases;
    private final Executor runner;
    private final Clock clock;

    private final String me;
    private final JobFaults faults;

    /** @param me this node's name: only its own running jobs (or ones no node claimed) are resumed here */
    public Recovery(JobRepository jobs, JobPlanner planner, PlanScheduling scheduling, ReleaseScheduler releases,
            Executor runner, Clock clock, String me) {
        this.me = me;
        this.jobs = jobs;
        this.planner = planner;
        this.scheduling = scheduling;
        this.releases = releases;
        this.runner = runner;
        this.clock = clock;
        this.faults = new JobFaults(jobs, clock);
    }

    /**
     * Each job is recovered on its own: one that cannot be is marked FAILED with the reason and the others go on;
     * each of the three steps runs even when another failed as a whole (the database refused a query, say).
     */
    public void run() {
        step("resume running jobs", () -> {
            for (Job job : jobs.inStates(JobState.RUNNING)) {
                // A job running on another node of the cluster is that node's; Takeover handles a node that died.
                boolean mine = job.node() == null || job.node().equals(me);
                if (mine && !runner.isRunning(job.id())) {
                    perJob(job, "resumed after a restart", () -> resume(job));
                }
            }
        });
        step("plan submitted jobs", () -> {
            for (Job job : jobs.inStates(JobState.SUBMITTED)) {
                LOG.info("Planning job {}: it was submitted but not planned before the restart", job.id());
                perJob(job, "planned", () -> scheduling.apply(job, job.state(), () -> planner.plan(PlanRequests.of(job))));
            }
        });
        step("plan jobs without a release", () -> planJobsWithoutRelease(Duration.ZERO));
        step("write missing job entries", () -> {
            for (Job job : jobs.inStates(JobState.COMPLETED)) {
                try {
                    runner.recordMissingJobEntry(job);
                } catch (RuntimeException e) {
                    LOG.error("Could not write the ledger entry of job {}: {}", job.id(), e.getMessage(), e);
                }
            }
        });
    }

    private void resume(Job job) {
        int recovered = runner.recoverOrphanedSegments(job);
        LOG.info("Resuming job {} after a restart ({} interrupted segment(s) accounted)", job.id(), recovered);
        runner.start(job.id(), job.segmentsRun() + recovered, Reason.of(ReasonCode.RESUMED_AFTER_RESTART, clock.instant()));
    }

    private void perJob(Job job, String doing, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            faults.fail(job, doing, e);
        }
    }

    private static void step(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("Recovery could not {}: {}", what, e.getMessage(), e);
        }
    }

    /**
     * Plans again every held or paused job that has no release waiting: after a restart, or when an interruptible
     * job used up its planned segments before its training was done (its estimate was short). Jobs changed within
     * {@code settle} are left alone, since their plan may be being written right now.
     *
     * @return how many jobs were planned again
     */
    public int planJobsWithoutRelease(Duration settle) {
        int planned = 0;
        Instant before = clock.instant().minus(settle);
        for (Job job : jobs.inStates(JobState.HELD, JobState.PAUSED)) {
            boolean waiting;
            try {
                waiting = releases.scheduled(job.id()).stream().anyMatch(r -> r.action() == ReleaseAction.RELEASE);
            } catch (RuntimeException e) {
                LOG.error("Could not read the releases of job {}: {}", job.id(), e.getMessage(), e);
                continue;
            }
            if (!waiting && !job.updatedAt().isAfter(before)) {
                LOG.info("Planning job {} again: no release was waiting for it", job.id());
                try {
                    scheduling.apply(job, job.state(), () -> planner.plan(PlanRequests.remaining(job, jobs.events(job.id()))));
                    planned++;
                } catch (RuntimeException e) {
                    faults.fail(job, "planned again", e);
                }
            }
        }
        return planned;
    }
}
