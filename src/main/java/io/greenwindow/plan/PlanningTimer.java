package io.greenwindow.plan;

import java.util.function.Supplier;

/**
 * Times the planner's work (the metrics' planning time). The planner stays free of any metrics library: the
 * service hands it an implementation; tests and the simulator use {@link #NONE}.
 */
public interface PlanningTimer {

    /** Runs {@code planning} and records how long it took under {@code operation} ("plan" or "replan"). */
    <T> T time(String operation, Supplier<T> planning);

    /** Records nothing. */
    PlanningTimer NONE = new PlanningTimer() {
        @Override
        public <T> T time(String operation, Supplier<T> planning) {
            return planning.get();
        }
    };
}
