package io.greenwindow.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
        return c;
    }

    public boolean isLimited(String zone) {
        return limits.containsKey(zone) || slotLimited(zone);
    }

    /** Whether a job of {@code gpus} GPUs can be refused in {@code zone} at all (else every window is free). */
    public boolean constrains(String zone, int gpus) {
        return slotLimited(zone) || gpus > 0 && limits.containsKey(zone);
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
     * What is full in {@code zone} at {@code at} for a job of {@code gpus} GPUs, in words ("the 2 job slots",
     * "the 4 GPUs"), or null when it fits there.
     */
    public String whatIsFull(String zone, int gpus, long at) {
        if (slotLimited(zone) && peakJobs(zone, at, at + 1) + 1 > jobSlots(zone)) {
            int n = jobSlots(zone);
            return n == 1 ? "the one job slot" : "the " + n + " job slots";
        }
        if (gpus > 0 && limits.containsKey(zone) && peakUse(zone, at, at + 1) + gpus > limit(zone)) {
            int n = limit(zone);
            return n == 1 ? "the one GPU" : "the " + n + " GPUs";
        }
        return null;
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
        if (slotLimited(zone) && peakJobs(zone, from, to) + 1 > jobSlots(zone)) {
            return false;
        }
        if (gpus == 0 || !limits.containsKey(zone)) {
            return true;
        }
        return gpus <= limit(zone) && peakUse(zone, from, to) + gpus <= limit(zone);
    }

    /** Promises {@code gpus} GPUs and one job slot in {@code zone} over [from, to). */
    public void reserve(String zone, int gpus, Instant from, Instant to) {
        add(zone, gpus, 1, from.getEpochSecond(), to.getEpochSecond());
    }

    public void release(String zone, int gpus, Instant from, Instant to) {
        add(zone, -gpus, -1, from.getEpochSecond(), to.getEpochSecond());
    }

    private void add(String zone, int gpus, int job, long from, long to) {
        if (to <= from) {
            return;
        }
        long lo = Math.floorDiv(from, slot);
        long hi = Math.floorDiv(to - 1, slot) + 1;
        if (gpus != 0) {
            usage.computeIfAbsent(zone, z -> new Usage()).add(lo, hi, gpus);
        }
        if (slotLimited(zone)) {
            jobs.computeIfAbsent(zone, z -> new Usage()).add(lo, hi, job);
        }
    }

    /** The earliest start at or after {@code from} where {@code gpus} fit for {@code length} seconds, or -1. */
    public long earliestFit(String zone, int gpus, long from, long length, long searchUntil) {
        if (gpus > 0 && gpus > limit(zone) || jobSlots(zone) < 1) {
            return -1;
        }
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
    private static final class Usage {
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
