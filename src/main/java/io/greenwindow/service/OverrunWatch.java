package io.greenwindow.service;

import io.greenwindow.executor.Executor;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.JobState;
import io.greenwindow.reason.Reason;
import io.greenwindow.reason.ReasonCode;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link OverrunPolicy} to the jobs running on this node, at every heartbeat: an extension is written to
 * the job's history once per grace period and the held jobs of its zone are planned again around it; a pause or
 * stop is written with its reason before the runner is told, so the job's state says why.
 */
public final class OverrunWatch {

    private static final Logger LOG = LoggerFactory.getLogger(OverrunWatch.class);

    private final JobRepository jobs;
    private final Executor runner;
    private final Replanner replanner;
    private final Clock clock;
    private final String me;
    /** Per job, until when its last extension runs: the next one is announced only after that. */
    private final Map<String, Instant> extendedUntil = new ConcurrentHashMap<>();

    public OverrunWatch(JobRepository jobs, Executor runner, Replanner replanner, Clock clock, String me) {
        this.jobs = jobs;
        this.runner = runner;
        this.replanner = replanner;
        this.clock = clock;
        this.me = me;
    }

    /** @return how many running jobs were extended, paused or stopped */
    public int check() {
        Instant now = clock.instant();
        int acted = 0;
        Set<String> runningHere = new java.util.HashSet<>();
        for (Job job : jobs.inStates(JobState.RUNNING)) {
            if (!me.equals(job.node()) || !runner.isRunning(job.id())) {
                continue;
            }
            runningHere.add(job.id());
            Overrun o = OverrunPolicy.decide(job, RunTime.ran(jobs.events(job.id()), now), now);
            switch (o.action()) {
                case ON_TIME -> { }
                case EXTEND -> {
                    Instant until = extendedUntil.get(job.id());
                    if (until == null || !now.isBefore(until)) {
                        extendedUntil.put(job.id(), o.until());
                        jobs.transition(job.id(), JobState.RUNNING, JobState.RUNNING, o.why(), now);
                        replanner.replanHeld(Set.copyOf(job.zones()), Reason.prefix(ReasonCode.REPLANNED_FOR_OVERRUN)
                                .with("job", job.id()));
                        acted++;
                    }
                }
                case PAUSE -> {
                    if (Instant.MAX.equals(extendedUntil.put(job.id(), Instant.MAX))) {
                        continue; // asked already; the trainer stops at its next batch
                    }
                    LOG.warn("Job {}: {}", job.id(), o.reason());
                    jobs.transition(job.id(), JobState.RUNNING, JobState.RUNNING, o.why(), now);
                    runner.pause(job.id());
                    acted++;
                }
                case STOP -> {
                    LOG.warn("Job {}: {}", job.id(), o.reason());
                    if (jobs.transition(job.id(), JobState.RUNNING, JobState.FAILED, o.why(), now)) {
                        runner.cancel(job.id());
                        acted++;
                    }
                }
            }
        }
        extendedUntil.keySet().retainAll(runningHere);
        return acted;
    }
}
