package io.greenwindow.reason;

import java.util.Objects;

/**
 * What is full in a zone when a job waits for capacity there: the zone's job slots, its GPUs, or each node's GPUs
 * (no one node has the GPUs the job needs), with how many there are. {@link Wording} says it ("the one job slot",
 * "the 4 GPUs", "each node's GPUs").
 *
 * @param count the zone's job slots ({@link Unit#JOB_SLOTS}) or GPUs ({@link Unit#GPUS}); for
 *     {@link Unit#NODE_GPUS} the GPUs the job needs on one node
 */
public record FullCapacity(Unit unit, int count) {

    /** Which capacity is full. */
    public enum Unit { JOB_SLOTS, GPUS, NODE_GPUS }

    public FullCapacity {
        Objects.requireNonNull(unit, "unit");
        if (count < 1) {
            throw new IllegalArgumentException("Full capacity of " + unit + " must count at least 1, was " + count);
        }
    }

    public static FullCapacity jobSlots(int count) {
        return new FullCapacity(Unit.JOB_SLOTS, count);
    }

    public static FullCapacity gpus(int count) {
        return new FullCapacity(Unit.GPUS, count);
    }

    public static FullCapacity eachNodesGpus(int needed) {
        return new FullCapacity(Unit.NODE_GPUS, needed);
    }
}
