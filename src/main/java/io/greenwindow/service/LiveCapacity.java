package io.greenwindow.service;

import io.greenwindow.job.Job;
import io.greenwindow.job.JobRepository;
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

    /**
     * The nodes that have beaten but not within the node timeout (never this one): what they ran still counts as
     * running until a live node of the zone takes it over ({@link Takeover}).
     */
    public Set<String> silent() {
        Set<String> silent = new java.util.HashSet<>();
        nodes.silentSince(clock.instant().minus(nodeTimeout)).forEach(n -> silent.add(n.name()));
        if (self != null) {
            silent.remove(self.name());
        }
        return silent;
    }

    @Override
    public GpuCapacity committedExcept(Set<String> planning) {
        Instant now = clock.instant();
        Map<String, List<GpuCapacity.NodeOffer>> byZone = new HashMap<>();
        for (NodeRegistry.LiveNode n : live()) {
            byZone.computeIfAbsent(n.zone(), z -> new ArrayList<>())
                    .add(new GpuCapacity.NodeOffer(n.name(), n.slots(), n.gpus()));
        }
        Commitments.Snapshot snapshot = commitments.current();
        boolean gpusByNode = byZone.values().stream().flatMap(List::stream).anyMatch(o -> o.gpus() > 0);
        GpuCapacity capacity;
        if (gpusByNode) {
            // Where GPUs are counted node by node, the node a promise lands on depends on what was placed before
            // it: running jobs on their own nodes first, then every promise, which GpuCapacity places in one order
            // (by start) whatever order they come in; built anew each time (the kept capacity gives promises back
            // by zone, not by node). Added in that order, each promise is placed once.
            capacity = GpuCapacity.ofLiveNodes(byZone, SLOT);
            List<Promise> promises = reserveRunning(capacity, snapshot, planning, now);
            for (Commitments.Holder h : snapshot.waiting().all()) {
                if (!planning.contains(h.job().id())) {
                    promises.addAll(promised.promises(h, now));
                }
            }
            promises.sort(Promise.ORDER);
            for (Promise p : promises) {
                capacity.reserve(p.zone(), p.gpus(), p.from(), p.to());
            }
        } else {
            // Job slots alone: the zone's sums are exact, so the kept capacity is brought up to date instead.
            capacity = promised.copyFor(snapshot, now, byZone);
            for (String id : planning) {
                Commitments.Holder h = snapshot.waiting().get(id);
                if (h != null) {
                    promised.unpromise(capacity, h, now);
                }
            }
            for (Promise p : reserveRunning(capacity, snapshot, planning, now)) {
                capacity.reserve(p.zone(), p.gpus(), p.from(), p.to());
            }
        }
        return capacity;
    }

    /** What a job's plan promises over [from, to) in {@code zone}, on a node not yet known. */
    record Promise(String jobId, String zone, int gpus, Instant from, Instant to) {

        /** The order promises are added in: by start, then job (GpuCapacity places them by start whatever). */
        static final java.util.Comparator<Promise> ORDER = java.util.Comparator.comparing(Promise::from)
                .thenComparing(Promise::jobId).thenComparing(Promise::to);
    }

    /**
     * What running jobs (not being planned) still need: the rest of the segment each runs now, reserved here on its
     * node, and the segments its plan has after its next pause (an interruptible job's), returned as promises for
     * where the plan put them.
     */
    private static List<Promise> reserveRunning(GpuCapacity capacity, Commitments.Snapshot snapshot,
            Set<String> planning, Instant now) {
        List<Promise> laterSegments = new ArrayList<>();
        for (Commitments.Holder held : snapshot.running().values()) {
            Job job = held.job();
            if (!planning.contains(job.id()) && job.zone() != null) {
                Duration left = OverrunPolicy.remaining(job, RunTime.ran(held.events(), now));
                List<StoredPlan.Segment> later = held.plan() == null ? List.of() : held.plan().segments().stream()
                        .filter(s -> s.start().isAfter(now)).toList();
                Duration thisSegment = left;
                for (StoredPlan.Segment s : later) {
                    thisSegment = thisSegment.minus(Duration.between(s.start(), s.end()));
                }
                // At least to the end of the segment it runs in (its pause comes then; the plan's segments include
                // the checkpoint overhead, which its estimate does not).
                Instant plannedEnd = held.plan() == null ? null : held.plan().segments().stream()
                        .filter(s -> !s.start().isAfter(now)).map(StoredPlan.Segment::end).reduce((a, b) -> b)
                        .orElse(null);
                if (plannedEnd != null && Duration.between(now, plannedEnd).compareTo(thisSegment) > 0) {
                    thisSegment = Duration.between(now, plannedEnd);
                }
                // Ahead of its plan (or past its estimate): it still runs now, for at least one grace.
                if (thisSegment.compareTo(Duration.ZERO) <= 0) {
                    thisSegment = OverrunPolicy.grace(job.estimatedDuration());
                }
                capacity.reserveOn(job.zone(), job.node(), job.gpus(), now, now.plus(thisSegment));
                for (StoredPlan.Segment s : later) {
                    laterSegments.add(new Promise(job.id(), s.zone(), job.gpus(), s.start(), s.end()));
                }
            }
        }
        return laterSegments;
    }

    /** What one zone offers. */
    public record ZoneCapacity(int slots, int gpus) {
        ZoneCapacity plus(ZoneCapacity other) {
            return new ZoneCapacity(slots + other.slots, gpus + other.gpus);
        }
    }
}
