package io.greenwindow.service;

import io.greenwindow.job.Job;
import io.greenwindow.job.JobRepository;
import io.greenwindow.node.NodeRegistry;
import io.greenwindow.plan.CapacitySource;
import io.greenwindow.plan.GpuCapacity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The capacity the service plans against: the job slots and GPUs of each zone's live nodes (seen within the node
 * timeout), less what running jobs still need (their remaining time, see {@link OverrunPolicy}) and what the
 * stored plans of held and paused jobs not being planned promise. A zone whose nodes have no usable GPU has no
 * GPU limit: jobs asking for GPUs there train on the CPU, as the runner says, and only its job slots count. A zone
 * without a live node has no capacity: nothing is planned where no node could take the release.
 */
public final class LiveCapacity implements CapacitySource {

    /** Capacity is counted on one-minute slots: fine enough for jobs of minutes, cheap over days. */
    public static final Duration SLOT = Duration.ofMinutes(1);

    private final NodeRegistry nodes;
    private final Commitments commitments;
    private final PromisedCapacity promised = new PromisedCapacity(SLOT);
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
        this.commitments = new Commitments(jobs, clock);
        this.clock = clock;
        this.nodeTimeout = nodeTimeout;
    }

    /** Job slots and GPUs per zone of the nodes alive now. */
    public Map<String, ZoneCapacity> zones() {
        Map<String, ZoneCapacity> zones = new HashMap<>();
        boolean selfSeen = false;
        for (NodeRegistry.LiveNode n : nodes.liveSince(clock.instant().minus(nodeTimeout))) {
            zones.merge(n.zone(), new ZoneCapacity(n.slots(), n.gpus()), ZoneCapacity::plus);
            selfSeen |= self != null && self.name().equals(n.name());
        }
        if (self != null && !selfSeen) {
            zones.merge(self.zone(), new ZoneCapacity(self.slots(), self.gpus()), ZoneCapacity::plus);
        }
        return zones;
    }

    @Override
    public GpuCapacity committedExcept(Set<String> planning) {
        Instant now = clock.instant();
        Map<String, Integer> gpus = new HashMap<>();
        Map<String, Integer> slots = new HashMap<>();
        zones().forEach((zone, c) -> {
            slots.put(zone, c.slots());
            if (c.gpus() > 0) {
                gpus.put(zone, c.gpus());
            }
        });
        Commitments.Snapshot snapshot = commitments.current();
        GpuCapacity capacity = promised.copyFor(snapshot, now, gpus, slots);
        for (String id : planning) {
            Commitments.Holder h = snapshot.waiting().get(id);
            if (h != null) {
                promised.unpromise(capacity, h, now);
            }
        }
        for (Commitments.Holder held : snapshot.running().values()) {
            Job job = held.job();
            if (!planning.contains(job.id()) && job.zone() != null) {
                Duration left = OverrunPolicy.remaining(job, RunTime.ran(held.events(), now));
                capacity.reserve(job.zone(), job.gpus(), now, now.plus(left));
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
