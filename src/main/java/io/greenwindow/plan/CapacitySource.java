package io.greenwindow.plan;

import java.util.Set;

/**
 * What the planner may use: the capacity that exists, with what is already committed to jobs other than the ones
 * being planned reserved in it. Asked afresh at every planning call, so that plans follow nodes that join or leave
 * and running jobs that overrun.
 */
@FunctionalInterface
public interface CapacitySource {

    /** A capacity the caller may change, with everything committed to jobs not in {@code planning} reserved. */
    GpuCapacity committedExcept(Set<String> planning);

    /** The same capacity every time (the simulator, tests): a copy of {@code capacity}. */
    static CapacitySource fixed(GpuCapacity capacity) {
        return planning -> capacity.copy();
    }
}
