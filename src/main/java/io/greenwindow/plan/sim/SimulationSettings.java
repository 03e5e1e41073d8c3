package io.greenwindow.plan.sim;

import io.greenwindow.policy.PolicyRules;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * How to replay a job trace.
 *
 * @param interruptible overrides every job's own flag when not null
 * @param noiseFraction forecast error: σ of a Gaussian added to each forecast value, as a fraction of the trace
 *     mean (0 = perfect forecast)
 * @param capacity GPUs per zone; zones not named are unlimited
 * @param gpuPowerWatts the constant power drawn per GPU (a CPU-only job counts as one device); it scales every
 *     emission alike, so savings do not depend on it
 * @param rolling when not null, forecasts roll (a new one every hour, error growing with lead time) and the held
 *     jobs are re-planned at each; null: each job is planned once, at submission, on one fixed forecast
 */
public record SimulationSettings(Instant anchor, Duration slack, Boolean interruptible, PolicyRules rules,
        double noiseFraction, long noiseSeed, Map<String, Integer> capacity, double gpuPowerWatts,
        RollingForecast rolling) {

    /** Forecasts fixed at submission (perfect, or with white noise). */
    public SimulationSettings(Instant anchor, Duration slack, Boolean interruptible, PolicyRules rules,
            double noiseFraction, long noiseSeed, Map<String, Integer> capacity, double gpuPowerWatts) {
        this(anchor, slack, interruptible, rules, noiseFraction, noiseSeed, capacity, gpuPowerWatts, null);
    }

    public static final double DEFAULT_GPU_POWER_WATTS = 300;

    public SimulationSettings {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(slack, "slack");
        if (slack.isNegative()) {
            throw new IllegalArgumentException("Slack " + slack + " must not be negative");
        }
        rules = rules == null ? PolicyRules.DEFAULT : rules;
        if (!(noiseFraction >= 0 && noiseFraction < 10)) {
            throw new IllegalArgumentException("Noise " + noiseFraction + " must be a fraction >= 0, e.g. 0.05");
        }
        if (rolling != null && noiseFraction > 0) {
            throw new IllegalArgumentException("A rolling forecast carries its own error: noise must be 0, not " + noiseFraction);
        }
        capacity = capacity == null ? Map.of() : Map.copyOf(capacity);
        if (!(gpuPowerWatts > 0)) {
            throw new IllegalArgumentException("GPU power " + gpuPowerWatts + " W must be positive");
        }
    }
}
