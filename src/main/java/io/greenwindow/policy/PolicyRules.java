package io.greenwindow.policy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What an admin sets. Null thresholds and a null maximum delay mean "not used"; an empty {@code allowedZones}
 * allows every zone a job names.
 *
 * @param absoluteThresholdGPerKwh run at once whenever the forecast now is at or below this
 * @param percentileThreshold run at once whenever now is at or below this percentile (0-100) of the horizon
 * @param maxDelay the most a job's completion may be pushed past submission + duration
 * @param teamBudgetsKgPerMonth per team, the kg CO2e a team may emit in a calendar month (UTC)
 * @param urgentOverride whether a job marked urgent skips waiting (unless its team is over budget)
 * @param checkpointOverhead run time added per pause of an interruptible job (save, stop, restore, resume)
 * @param minSegment the shortest run segment of an interruptible job
 * @param maxPauses the most pauses of an interruptible job
 * @param replanMinImprovement a re-plan moves a job only when the new plan emits at least this fraction less
 * @param replanFreeze a job planned to start within this much of now keeps its plan on re-planning
 * @param minSavingToHold a job is held (or paused) only when that saves at least this fraction against running
 *     at once; 0, the default, holds for any saving
 */
public record PolicyRules(
        Double absoluteThresholdGPerKwh,
        Double percentileThreshold,
        Duration maxDelay,
        List<String> allowedZones,
        Map<String, Double> teamBudgetsKgPerMonth,
        boolean urgentOverride,
        Duration checkpointOverhead,
        Duration minSegment,
        int maxPauses,
        Fallback fallback,
        double replanMinImprovement,
        Duration replanFreeze,
        double minSavingToHold) {

    public static final Duration DEFAULT_CHECKPOINT_OVERHEAD = Duration.ofMinutes(2);
    public static final Duration DEFAULT_MIN_SEGMENT = Duration.ofMinutes(30);
    public static final int DEFAULT_MAX_PAUSES = 24;
    public static final double DEFAULT_REPLAN_MIN_IMPROVEMENT = 0.05;
    public static final Duration DEFAULT_REPLAN_FREEZE = Duration.ofMinutes(15);
    public static final double DEFAULT_MIN_SAVING_TO_HOLD = 0;

    /** The rules in force before any admin sets one: no thresholds, greenest window, run at once without data. */
    public static final PolicyRules DEFAULT = new PolicyRules(null, null, null, List.of(), Map.of(), true,
            DEFAULT_CHECKPOINT_OVERHEAD, DEFAULT_MIN_SEGMENT, DEFAULT_MAX_PAUSES, Fallback.RUN_AT_ONCE,
            DEFAULT_REPLAN_MIN_IMPROVEMENT, DEFAULT_REPLAN_FREEZE, DEFAULT_MIN_SAVING_TO_HOLD);

    public PolicyRules {
        if (absoluteThresholdGPerKwh != null && !(absoluteThresholdGPerKwh >= 0)) {
            throw new IllegalArgumentException("absoluteThresholdGPerKwh " + absoluteThresholdGPerKwh + " must be >= 0");
        }
        if (percentileThreshold != null && !(percentileThreshold >= 0 && percentileThreshold <= 100)) {
            throw new IllegalArgumentException("percentileThreshold " + percentileThreshold + " must be within 0-100");
        }
        if (maxDelay != null && maxDelay.isNegative()) {
            throw new IllegalArgumentException("maxDelay " + maxDelay + " must not be negative");
        }
        allowedZones = allowedZones == null ? List.of() : List.copyOf(allowedZones);
        teamBudgetsKgPerMonth = teamBudgetsKgPerMonth == null ? Map.of() : Map.copyOf(teamBudgetsKgPerMonth);
        teamBudgetsKgPerMonth.forEach((team, kg) -> {
            if (kg == null || !(kg >= 0)) {
                throw new IllegalArgumentException("teamBudgetsKgPerMonth of " + team + " is " + kg + ", must be >= 0");
            }
        });
        checkpointOverhead = nonNegative(checkpointOverhead, DEFAULT_CHECKPOINT_OVERHEAD, "checkpointOverhead");
        minSegment = nonNegative(minSegment, DEFAULT_MIN_SEGMENT, "minSegment");
        replanFreeze = nonNegative(replanFreeze, DEFAULT_REPLAN_FREEZE, "replanFreeze");
        if (maxPauses < 0) {
            throw new IllegalArgumentException("maxPauses " + maxPauses + " must be >= 0");
        }
        fallback = fallback == null ? Fallback.RUN_AT_ONCE : fallback;
        if (!(replanMinImprovement >= 0 && replanMinImprovement < 1)) {
            throw new IllegalArgumentException("replanMinImprovement " + replanMinImprovement + " must be within [0, 1)");
        }
        if (!(minSavingToHold >= 0 && minSavingToHold < 1)) {
            throw new IllegalArgumentException("minSavingToHold: must be within [0, 1), got " + minSavingToHold);
        }
    }

    /** The rules as they were before {@code minSavingToHold}: any saving is worth a hold. */
    public PolicyRules(Double absoluteThresholdGPerKwh, Double percentileThreshold, Duration maxDelay,
            List<String> allowedZones, Map<String, Double> teamBudgetsKgPerMonth, boolean urgentOverride,
            Duration checkpointOverhead, Duration minSegment, int maxPauses, Fallback fallback,
            double replanMinImprovement, Duration replanFreeze) {
        this(absoluteThresholdGPerKwh, percentileThreshold, maxDelay, allowedZones, teamBudgetsKgPerMonth,
                urgentOverride, checkpointOverhead, minSegment, maxPauses, fallback, replanMinImprovement, replanFreeze,
                DEFAULT_MIN_SAVING_TO_HOLD);
    }

    private static Duration nonNegative(Duration d, Duration byDefault, String name) {
        if (d == null) {
            return byDefault;
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " " + d + " must not be negative");
        }
        return d;
    }

    public PolicyRules withInterruption(Duration overhead, Duration minSeg, int pauses) {
        return new PolicyRules(absoluteThresholdGPerKwh, percentileThreshold, maxDelay, allowedZones,
                teamBudgetsKgPerMonth, urgentOverride, overhead, minSeg, pauses, fallback, replanMinImprovement,
                replanFreeze, minSavingToHold);
    }

    public PolicyRules withMinSavingToHold(double fraction) {
        return new PolicyRules(absoluteThresholdGPerKwh, percentileThreshold, maxDelay, allowedZones,
                teamBudgetsKgPerMonth, urgentOverride, checkpointOverhead, minSegment, maxPauses, fallback,
                replanMinImprovement, replanFreeze, fraction);
    }
}
