package io.greenwindow.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * GPUs per zone over time: a limit per zone and the GPUs already promised, on slots of a fixed length aligned to
 * the epoch. A job uses its GPUs in every slot its run touches, so a slot is counted whole even when a job uses
 * part of it: conservative, and capacity can never be exceeded at any instant. A zone without a limit is
 * unlimited. Not thread-safe: one planner (or one simulator) owns it.
 */
public final class GpuCapacity {

    private final Map<String, Integer> limits;
    private final long slot;
    private final Map<String, Usage> usage = new HashMap<>();

    public GpuCapacity(Map<String, Integer> limits, Duration slot) {
        if (slot.isZero() || slot.isNegative()) {
            throw new IllegalArgumentException("Capacity slot " + slot + " must be positive");
        }
        limits.forEach((zone, gpus) -> {
            if (gpus == null || gpus < 0) {
                throw new IllegalArgumentException("GPU capacity " + gpus + " of zone " + zone + " must be >= 0");
            }
        });
        this.limits = Map.copyOf(limits);
        this.slot = slot.getSeconds();
    }

    public static GpuCapacity unlimited() {
        return new GpuCapacity(Map.of(), Duration.ofHours(1));
    }

    public GpuCapacity copy() {
        GpuCapacity c = new GpuCapacity(limits, Duration.ofSeconds(slot));
        usage.forEach((zone, u) -> c.usage.put(zone, u.copy()));
        return c;
    }

    public boolean isLimited(String zone) {
        return limits.containsKey(zone);
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

    public boolean fits(String zone, int gpus, long from, long to) {
        if (!isLimited(zone)) {
            return true;
        }
        return gpus <= limit(zone) && peakUse(zone, from, to) + gpus <= limit(zone);
    }

    public void reserve(String zone, int gpus, Instant from, Instant to) {
        add(zone, gpus, from.getEpochSecond(), to.getEpochSecond());
    }

    public void release(String zone, int gpus, Instant from, Instant to) {
        add(zone, -gpus, from.getEpochSecond(), to.getEpochSecond());
    }

    private void add(String zone, int gpus, long from, long to) {
        if (gpus == 0 || to <= from) {
            return;
        }
        usage.computeIfAbsent(zone, z -> new Usage()).add(Math.floorDiv(from, slot), Math.floorDiv(to - 1, slot) + 1, gpus);
    }

    /** The earliest start at or after {@code from} where {@code gpus} fit for {@code length} seconds, or -1. */
    public long earliestFit(String zone, int gpus, long from, long length, long searchUntil) {
        if (gpus > limit(zone)) {
            return -1;
        }
        long start = from;
        while (start <= searchUntil) {
            long blockedAt = -1;
            for (long s = Math.floorDiv(start, slot); s * slot < start + length; s++) {
                if (peakUse(zone, s * slot, (s + 1) * slot) + gpus > limit(zone)) {
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
