package io.greenwindow.service;

import io.greenwindow.job.Job;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.node.NodeRegistry;
import io.greenwindow.plan.CapacitySource;
import io.greenwindow.plan.GpuCapacity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The capacity the service plans against: the job slots and GPUs of each zone's live nodes (seen within the node
 * timeout), less what running jobs still need (their remaining time, see {@link OverrunPolicy}) and what the
 * stored plans of held and paused jobs not being planned promise. A zone whose nodes have no usable GPU has no
 * GPU limit: jobs asking for GPUs there train on the CPU, as the runner says, and only its job slots count. A zone
 * without a live node has no capacity: nothing is planned where no node could take the release. A job must fit on
 * one node (its slot and all its GPUs), not only in the zone's sums.
 */
public final class LiveCapacity implements CapacitySource {

    /** Capacity is counted on one-minute slots: fine enough for jobs of minutes, cheap over days. */
    public static final Duration SLOT = Duration.ofMinutes(1);

    private final NodeRegistry nodes;
    private final JobRepository jobs;
    private final Clock clock;
    private final Duration nodeTimeout;

    private final NodeRegistry.LiveNode self;

    public LiveCapacity(NodeRegistry nodes, JobRepository jobs, Clock clock, Duration nodeTimeout) {
        this(nodes, jobs, clock, nodeTimeout, null);
    }

    /**
     * @param self the node that plans, counted live whatever its last beat says (it is planning, so it is alive;
     *     its heartbeat may lag a jump of the clock), or null
     */
    public LiveCapacity(NodeRegistry nodes, JobRepository jobs, Clock clock, Duration nodeTimeout,
            NodeRegistry.LiveNode self) {
        this.self = self;
        this.nodes = nodes;
        this.jobs = jobs;
        this.clock = clock;
        this.nodeTimeout = nodeTimeout;
    }

    /** Job slots and GPUs per zone of the nodes alive now. */
    public Map<String, ZoneCapacity> zones() {
        Map<String, ZoneCapacity> zones = new HashMap<>();
        for (NodeRegistry.LiveNode n : live()) {
            zones.merge(n.zone(), new ZoneCapacity(n.slots(), n.gpus()), ZoneCapacity::plus);
        }
        return zones;
    }

    /** The nodes alive now, this one among them. */
    public List<NodeRegistry.LiveNode> live() {
        List<NodeRegistry.LiveNode> live = new ArrayList<>(nodes.liveSince(clock.instant().minus(nodeTimeout)));
        if (self != null && live.stream().noneMatch(n -> n.name().equals(self.name()))) {
            live.add(self);
        }
        return live;
    }

    @Override
    public GpuCapacity committedExcept(Set<String> planning) {
        Instant now = clock.instant();
        Map<String, List<GpuCapacity.NodeOffer>> byZone = new HashMap<>();
        for (NodeRegistry.LiveNode n : live()) {
            byZone.computeIfAbsent(n.zone(), z -> new ArrayList<>())
                    .add(new GpuCapacity.NodeOffer(n.name(), n.slots(), n.gpus()));
        }
        GpuCapacity capacity = GpuCapacity.ofLiveNodes(byZone, SLOT);
        // Plans first, jobs second: a job released between the two reads is then counted twice (as planned and as
        // running) for this one pass, never not at all.
        List<StoredPlan> promised = jobs.plansInStates(JobState.HELD, JobState.PAUSED);
        Map<String, Job> byId = new HashMap<>();
        for (Job job : jobs.inStates(JobState.RUNNING, JobState.HELD, JobState.PAUSED)) {
            byId.put(job.id(), job);
        }
        for (Job job : byId.values()) {
            if (job.state() == JobState.RUNNING && !planning.contains(job.id()) && job.zone() != null) {
                Duration left = OverrunPolicy.remaining(job, RunTime.ran(jobs.events(job.id()), now));
                capacity.reserveOn(job.zone(), job.node(), job.gpus(), now, now.plus(left));
            }
        }
        for (StoredPlan plan : promised) {
            Job job = byId.get(plan.jobId());
            if (job == null || planning.contains(plan.jobId())) {
                continue;
            }
            for (StoredPlan.Segment s : plan.segments()) {
                Instant from = s.start().isBefore(now) ? now : s.start();
                if (s.end().isAfter(from)) {
                    capacity.reserve(s.zone(), job.gpus(), from, s.end());
                }
            }
        }
        return capacity;
    }

    /** What one zone offers. */
    public record ZoneCapacity(int slots, int gpus) {
        ZoneCapacity plus(ZoneCapacity other) {
            return new ZoneCapacity(slots + other.slots, gpus + other.gpus);
        }
    }
}
