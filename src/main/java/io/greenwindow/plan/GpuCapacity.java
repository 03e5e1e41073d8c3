package io.greenwindow.plan;

import io.greenwindow.reason.FullCapacity;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GPUs and job slots per zone over time: limits per zone and what is already promised, on time slots of a fixed
 * length aligned to the epoch. A job uses its GPUs, and one job slot, in every time slot its run touches, so a
 * time slot is counted whole even when a job uses part of it: conservative, and capacity can never be exceeded at
 * any instant. A zone without a GPU limit has unlimited GPUs; one without a job-slot limit runs any number of jobs
 * at once (the simulator's model). Not thread-safe: one planner (or one simulator) owns it.
 */
public final class GpuCapacity {

    private final Map<String, Integer> limits;
    private final Map<String, Integer> jobSlots;
    /** Job slots of a zone not named in {@code jobSlots}: any number (the simulator), or none (only live nodes count). */
    private final int otherZonesSlots;
    private final long slot;
    private final Map<String, Usage> usage = new HashMap<>();
    private final Map<String, Usage> jobs = new HashMap<>();
    /** Per zone, its live nodes and what is promised on each (absent: only the zone's sums count). */
    private final Map<String, NodeLoad> nodes = new HashMap<>();
    /** Per zone, capacity slots nothing may be planned in ({@link #block}). */
    private final Map<String, Usage> blocked = new HashMap<>();

    public GpuCapacity(Map<String, Integer> limits, Duration slot) {
        this(limits, Map.of(), slot);
    }

    /** @param jobSlots per zone, how many jobs may run at once (the live nodes' slots); zones not named: any number */
    public GpuCapacity(Map<String, Integer> limits, Map<String, Integer> jobSlots, Duration slot) {
        this(limits, jobSlots, Integer.MAX_VALUE, slot);
    }

    /**
     * The capacity of what exists: {@code jobSlots} names every zone with a live node, and any other zone has none,
     * so nothing is planned where no node could run it.
     */
    public static GpuCapacity ofLiveNodes(Map<String, Integer> gpuLimits, Map<String, Integer> jobSlots, Duration slot) {
        return new GpuCapacity(gpuLimits, jobSlots, 0, slot);
    }

    /**
     * The capacity of the live nodes, node by node: besides the zone's sums, a job fits only where one node has
     * its job slot and all its GPUs free throughout (a job never spans nodes). A zone's GPU limit is the sum of its
     * nodes' GPUs; a zone whose nodes have none has no GPU limit (its jobs train on the CPU).
     */
    public static GpuCapacity ofLiveNodes(Map<String, List<NodeOffer>> nodesByZone, Duration slot) {
        Map<String, Integer> gpus = new HashMap<>();
        Map<String, Integer> slots = new HashMap<>();
        nodesByZone.forEach((zone, offers) -> {
            slots.put(zone, offers.stream().mapToInt(NodeOffer::slots).sum());
            int g = offers.stream().mapToInt(NodeOffer::gpus).sum();
            if (g > 0) {
                gpus.put(zone, g);
            }
        });
        GpuCapacity c = ofLiveNodes(gpus, slots, slot);
        nodesByZone.forEach((zone, offers) -> c.nodes.put(zone, new NodeLoad(offers)));
        return c;
    }

    /** What one live node offers its zone. */
    public record NodeOffer(String name, int slots, int gpus) {
        public NodeOffer {
            if (slots < 0 || gpus < 0) {
                throw new IllegalArgumentException("Node " + name + ": slots " + slots + " and GPUs " + gpus
                        + " must be >= 0");
            }
        }
    }

    private GpuCapacity(Map<String, Integer> limits, Map<String, Integer> jobSlots, int otherZonesSlots,
            Duration slot) {
        this.otherZonesSlots = otherZonesSlots;
        if (slot.isZero() || slot.isNegative()) {
            throw new IllegalArgumentException("Capacity slot " + slot + " must be positive");
        }
        limits.forEach((zone, gpus) -> {
            if (gpus == null || gpus < 0) {
                throw new IllegalArgumentException("GPU capacity " + gpus + " of zone " + zone + " must be >= 0");
            }
        });
        jobSlots.forEach((zone, n) -> {
            if (n == null || n < 0) {
                throw new IllegalArgumentException("Job slots " + n + " of zone " + zone + " must be >= 0");
            }
        });
        this.limits = Map.copyOf(limits);
        this.jobSlots = Map.copyOf(jobSlots);
        this.slot = slot.getSeconds();
    }

    public static GpuCapacity unlimited() {
        return new GpuCapacity(Map.of(), Duration.ofHours(1));
    }

    public GpuCapacity copy() {
        GpuCapacity c = new GpuCapacity(limits, jobSlots, otherZonesSlots, Duration.ofSeconds(slot));
        usage.forEach((zone, u) -> c.usage.put(zone, u.copy()));
        jobs.forEach((zone, u) -> c.jobs.put(zone, u.copy()));
        nodes.forEach((zone, n) -> c.nodes.put(zone, n.copy()));
        blocked.forEach((zone, b) -> c.blocked.put(zone, b.copy()));
        return c;
    }

    public boolean isLimited(String zone) {
        return limits.containsKey(zone) || slotLimited(zone);
    }

    /** Whether a job of {@code gpus} GPUs can be refused in {@code zone} at all (else every window is free). */
    public boolean constrains(String zone, int gpus) {
        return slotLimited(zone) || gpus > 0 && limits.containsKey(zone) || blocked.containsKey(zone);
    }

    private boolean slotLimited(String zone) {
        return otherZonesSlots != Integer.MAX_VALUE || jobSlots.containsKey(zone);
    }

    /** How many jobs may run at once in the zone, {@link Integer#MAX_VALUE} when unlimited. */
    public int jobSlots(String zone) {
        return jobSlots.getOrDefault(zone, otherZonesSlots);
    }

    /** The most jobs running at any moment of [from, to) in {@code zone}. */
    public int peakJobs(String zone, long from, long to) {
        Usage u = jobs.get(zone);
        return u == null ? 0 : u.max(Math.floorDiv(from, slot), Math.floorDiv(to - 1, slot) + 1);
    }

    /**
     * What is full in {@code zone} at {@code at} for a job of {@code gpus} GPUs (its job slots, its GPUs, or each
     * node's GPUs), or null when it fits there.
     */
    public FullCapacity whatIsFull(String zone, int gpus, long at) {
        if (slotLimited(zone) && peakJobs(zone, at, at + 1) + 1 > jobSlots(zone)) {
            return FullCapacity.jobSlots(jobSlots(zone));
        }
        if (gpus > 0 && limits.containsKey(zone) && peakUse(zone, at, at + 1) + gpus > limit(zone)) {
            return FullCapacity.gpus(limit(zone));
        }
        NodeLoad n = nodes.get(zone);
        int g = nodeGpus(zone, gpus);
        if (n != null && g > 0 && n.fitting(g, Math.floorDiv(at, slot), Math.floorDiv(at, slot) + 1) < 0) {
            return FullCapacity.eachNodesGpus(g);
        }
        return null;
    }

    /**
     * The most GPUs one job can have in {@code zone}: its largest live node's when nodes are known, else the zone's
     * GPUs ({@link Integer#MAX_VALUE} when unlimited).
     */
    public int mostGpusForOneJob(String zone) {
        NodeLoad n = nodes.get(zone);
        return n != null && limits.containsKey(zone) ? n.largestNode() : limit(zone);
    }

    /** The most GPUs one job can have in any of {@code zones}. */
    public int mostGpusForOneJob(List<String> zones) {
        return zones.stream().mapToInt(this::mostGpusForOneJob).max().orElse(0);
    }

    /** Whether {@code zones}' GPUs are known node by node (so a job's largest share is its largest node's). */
    public boolean knowsNodes(List<String> zones) {
        return zones.stream().anyMatch(z -> nodes.containsKey(z) && limits.containsKey(z));
    }

    /** GPUs a job takes on a node of {@code zone}: none where the zone's nodes have none (it trains on the CPU). */
    private int nodeGpus(String zone, int gpus) {
        return limits.containsKey(zone) ? gpus : 0;
    }

    /** The zone's GPUs, {@link Integer#MAX_VALUE} when unlimited. */
    public int limit(String zone) {
        return limits.getOrDefault(zone, Integer.MAX_VALUE);
    }

    /** The most GPUs in use at any moment of [from, to) in {@code zone}. */
    public int peakUse(String zone, long from, long to) {
        Usage u = usage.get(zone);
        return u == null ? 0 : u.max(Math.floorDiv(from, slot), Math.floorDiv(to - 1, slot) + 1);
    }

    /** Whether a job of {@code gpus} GPUs (and one job slot) fits in {@code zone} throughout [from, to). */
    public boolean fits(String zone, int gpus, long from, long to) {
        if (isBlocked(zone, from, to)) {
            return false;
        }
        if (slotLimited(zone) && peakJobs(zone, from, to) + 1 > jobSlots(zone)) {
            return false;
        }
        if (gpus > 0 && limits.containsKey(zone)
                && !(gpus <= limit(zone) && peakUse(zone, from, to) + gpus <= limit(zone))) {
            return false;
        }
        // Jobs without GPUs need only a job slot, and the zone's sum of slots is exact for them: at any instant no
        // more jobs than slots means each starting job finds a node with a free slot.
        NodeLoad n = nodes.get(zone);
        int g = nodeGpus(zone, gpus);
        return n == null || g == 0 || n.fitting(g, Math.floorDiv(from, slot), Math.floorDiv(to - 1, slot) + 1) >= 0;
    }

    /** Promises {@code gpus} GPUs and one job slot in {@code zone} over [from, to), on the best-fitting node. */
    public void reserve(String zone, int gpus, Instant from, Instant to) {
        add(zone, null, gpus, 1, from.getEpochSecond(), to.getEpochSecond());
    }

    /**
     * Promises {@code gpus} GPUs and one job slot over [from, to) on node {@code node} of {@code zone} (a running
     * job, whose node is known); on the best-fitting node when that node is not live.
     */
    public void reserveOn(String zone, String node, int gpus, Instant from, Instant to) {
        add(zone, node, gpus, 1, from.getEpochSecond(), to.getEpochSecond());
    }

    public void release(String zone, int gpus, Instant from, Instant to) {
        add(zone, null, -gpus, -1, from.getEpochSecond(), to.getEpochSecond());
    }

    private void add(String zone, String node, int gpus, int job, long from, long to) {
        if (to <= from) {
            return;
        }
        long lo = Math.floorDiv(from, slot);
        long hi = Math.floorDiv(to - 1, slot) + 1;
        // Only a zone whose nodes have GPUs is asked node by node (for its jobs with GPUs); elsewhere the zone's
        // sums are exact and the nodes are not kept.
        NodeLoad n = limits.containsKey(zone) ? nodes.get(zone) : null;
        if (n != null && job > 0) {
            n.add(node == null ? -1 : n.indexOf(node), nodeGpus(zone, gpus), lo, hi);
        } else if (n != null) {
            n.remove(nodeGpus(zone, -gpus), lo, hi);
        }
        if (gpus != 0) {
            usage.computeIfAbsent(zone, z -> new Usage()).add(lo, hi, gpus);
        }
        if (slotLimited(zone)) {
            jobs.computeIfAbsent(zone, z -> new Usage()).add(lo, hi, job);
        }
    }

    /**
     * How many promises of unknown node no node could hold, in the order every planner places them (see
     * {@link NodeLoad}): 0 when the nodes can run every promise as planned.
     */
    public int overCommitted() {
        int n = 0;
        for (Map.Entry<String, NodeLoad> e : nodes.entrySet()) {
            if (limits.containsKey(e.getKey())) {
                n += e.getValue().overCommitted();
            }
        }
        return n;
    }

    /**
     * Whether promising {@code segments} of a job of {@code gpus} GPUs would leave more promises that no node can
     * hold than now: a plan the nodes could not run as planned, though each of its minutes has room somewhere.
     */
    public boolean wouldOverCommit(int gpus, List<PlannedSegment> segments) {
        if (segments.stream().noneMatch(s -> limits.containsKey(s.zone()) && nodes.containsKey(s.zone()))) {
            return false; // only job slots (or no nodes) there: the zone's sums are exact
        }
        GpuCapacity with = copy();
        int before = with.overCommitted();
        for (PlannedSegment s : segments) {
            with.reserve(s.zone(), gpus, s.start(), s.end());
        }
        return with.overCommitted() > before;
    }

    /**
     * Makes [from, to) of {@code zone} unusable for what is planned against this capacity (a window refused for a
     * reason the sums cannot see), without promising anything on any node.
     */
    public void block(String zone, Instant from, Instant to) {
        if (to.isAfter(from)) {
            long lo = Math.floorDiv(from.getEpochSecond(), slot);
            long hi = Math.floorDiv(to.getEpochSecond() - 1, slot) + 1;
            blocked.computeIfAbsent(zone, z -> new Usage()).add(lo, hi, 1);
        }
    }

    private boolean isBlocked(String zone, long from, long to) {
        Usage b = blocked.get(zone);
        return b != null && b.max(Math.floorDiv(from, slot), Math.floorDiv(to - 1, slot) + 1) > 0;
    }

    /** The earliest start at or after {@code from} where {@code gpus} fit for {@code length} seconds, or -1. */
    public long earliestFit(String zone, int gpus, long from, long length, long searchUntil) {
        if (gpus > 0 && gpus > mostGpusForOneJob(zone) || jobSlots(zone) < 1) {
            return -1;
        }
        NodeLoad nodeLoad = nodeGpus(zone, gpus) > 0 ? nodes.get(zone) : null;
        long start = from;
        while (nodeLoad != null) {
            // The zone's sums and one node must both fit: alternate until they agree on a start.
            long zoneStart = earliestZoneFit(zone, gpus, start, length, searchUntil);
            if (zoneStart < 0) {
                return -1;
            }
            long first = Math.floorDiv(zoneStart, slot);
            long startSlot = nodeLoad.earliest(nodeGpus(zone, gpus), first,
                    Math.floorDiv(zoneStart + length - 1, slot) + 1 - first, Math.floorDiv(searchUntil, slot));
            if (startSlot < 0) {
                return -1;
            }
            if (startSlot == first) {
                return zoneStart;
            }
            start = startSlot * slot;
        }
        return earliestZoneFit(zone, gpus, start, length, searchUntil);
    }

    private long earliestZoneFit(String zone, int gpus, long from, long length, long searchUntil) {
        long start = from;
        while (start <= searchUntil) {
            long blockedAt = -1;
            for (long s = Math.floorDiv(start, slot); s * slot < start + length; s++) {
                if (!fits(zone, gpus, s * slot, (s + 1) * slot)) {
                    blockedAt = s;
                    break;
                }
            }
            if (blockedAt < 0) {
                return start;
            }
            start = (blockedAt + 1) * slot;
        }
        return -1;
    }

    /** GPUs in use per slot index, in a growable window of slots. */
    static final class Usage {
        private long base;
        private int[] used = new int[0];

        Usage copy() {
            Usage u = new Usage();
            u.base = base;
            u.used = used.clone();
            return u;
        }

        void add(long from, long to, int gpus) {
            ensure(from, to);
            for (long s = from; s < to; s++) {
                used[(int) (s - base)] += gpus;
            }
        }

        /** The least use over [from, to); slots never touched count 0. */
        int min(long from, long to) {
            int m = Integer.MAX_VALUE;
            for (long s = from; s < to; s++) {
                m = Math.min(m, s < base || s >= base + used.length ? 0 : used[(int) (s - base)]);
            }
            return to <= from ? 0 : m;
        }

        int max(long from, long to) {
            int m = 0;
            long lo = Math.max(from, base);
            long hi = Math.min(to, base + used.length);
            for (long s = lo; s < hi; s++) {
                m = Math.max(m, used[(int) (s - base)]);
            }
            return m;
        }

        private void ensure(long from, long to) {
            if (used.length == 0) {
                base = from;
                used = new int[(int) Math.max(16, to - from)];
                return;
            }
            long newBase = Math.min(base, from);
            long newEnd = Math.max(base + used.length, to);
            if (newBase == base && newEnd == base + used.length) {
                return;
            }
            long size = Math.max(newEnd - newBase, 2L * used.length);
            int[] grown = new int[(int) size];
            System.arraycopy(used, 0, grown, (int) (base - newBase), used.length);
            base = newBase;
            used = grown;
        }
    }
}
