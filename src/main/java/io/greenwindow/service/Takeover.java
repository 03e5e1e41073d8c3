package io.greenwindow.service;

import io.greenwindow.executor.Executor;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.JobState;
import io.greenwindow.node.NodeRegistry;
import io.greenwindow.reason.Reason;
import io.greenwindow.reason.ReasonCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's heartbeat and takes over the running jobs of nodes of the same zone that stopped answering.
 * The job resumes from its last checkpoint when the nodes share their data folder, and starts again otherwise;
 * its reason says which node it came from.
 */
public final class Takeover {

    private static final Logger LOG = LoggerFactory.getLogger(Takeover.class);

    private final JobRepository jobs;
    private final NodeRegistry nodes;
    private final Executor runner;
    private final String me;
    private final String zone;
    private final Duration silentAfter;
    private final Clock clock;

    private final int slots;
    private final int gpus;
    private final NodeFit fit;

    public Takeover(JobRepository jobs, NodeRegistry nodes, Executor runner, String me, String zone,
            Duration silentAfter, Clock clock) {
        this(jobs, nodes, runner, me, zone, 1, 0, silentAfter, clock, null);
    }

    /**
     * @param slots how many jobs this node runs at once, @param gpus its usable GPUs: what its heartbeat offers
     * @param fit which of the zone's live nodes should take a job, as for a release (null: this one whenever it has
     *     room)
     */
    public Takeover(JobRepository jobs, NodeRegistry nodes, Executor runner, String me, String zone, int slots,
            int gpus, Duration silentAfter, Clock clock, NodeFit fit) {
        this.fit = fit;
        this.slots = slots;
        this.gpus = gpus;
        this.jobs = jobs;
        this.nodes = nodes;
        this.runner = runner;
        this.me = me;
        this.zone = zone;
        this.silentAfter = silentAfter;
        this.clock = clock;
    }

    /** Heartbeat, then take over what silent nodes left running. @return how many jobs were taken over */
    public int beat() {
        Instant now = clock.instant();
        nodes.heartbeat(me, zone, slots, gpus, now);
        Map<String, Instant> silent = new HashMap<>();
        nodes.silentSince(now.minus(silentAfter)).forEach(n -> silent.put(n.name(), n.lastSeen()));
        silent.remove(me);
        int taken = 0;
        for (Job job : jobs.inStates(JobState.RUNNING)) {
            Instant lastSeen = job.node() == null ? null : silent.get(job.node());
            // Only with a free slot and the job's GPUs free here, and only where a release of it would go (a node
            // with all its GPUs, the smallest such with room): another node (or this one at its next beat) takes the
            // job over otherwise.
            if (lastSeen == null || !zone.equals(job.zone()) || !runner.hasRoom(job.gpus())
                    || fit != null && !fit.shouldTake(job.gpus()) || !jobs.claim(job.id(), job.node(), me, now)) {
                continue;
            }
            LOG.warn("Taking over job {} from node {} (last seen {})", job.id(), job.node(), lastSeen);
            int recovered = runner.recoverOrphanedSegments(job);
            runner.start(job.id(), job.segmentsRun() + recovered, Reason.of(ReasonCode.TAKEN_OVER, now)
                    .with("node", me).with("from", job.node()).with("lastSeen", lastSeen));
            taken++;
        }
        return taken;
    }
}
