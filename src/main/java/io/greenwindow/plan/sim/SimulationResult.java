package io.greenwindow.plan.sim;

import io.greenwindow.plan.PlannedSegment;
import java.util.List;

/** The outcome of one replay: every strategy scored on what the grid really was, with the bounds. */
public record SimulationResult(List<Strategy> strategies, double optimumKg, Double lpBoundKg, String lpBoundNote,
        double baselineKg, int jobs, int excludedJobs, List<String> notes) {

    /** One job as a strategy ran it. */
    public record JobRun(String jobId, int gpus, List<PlannedSegment> segments, String reason) {
    }

    /**
     * One strategy's score. {@code shareOfOptimum} is its saving as a share of the clairvoyant optimum's saving
     * (both against running at once); NaN when the optimum saves nothing.
     */
    public record Strategy(String name, String description, double emissionsKg, double saving, double shareOfOptimum,
            double meanDelayHours, int deadlinesMissed, List<JobRun> runs) {
    }

    public Strategy strategy(String name) {
        return strategies.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No strategy '" + name + "'; have "
                        + strategies.stream().map(Strategy::name).toList()));
    }
}
