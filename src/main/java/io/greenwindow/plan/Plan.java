package io.greenwindow.plan;

import io.greenwindow.reason.Reason;
import io.greenwindow.reason.Wording;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where and when one job runs, what the forecast expects it to emit per kWh, and why. {@code nowGPerKwh} is the
 * forecast average had the job run at once in its home zone (the counterfactual); {@code policy} names the
 * policy version that decided (for example {@code default@3}); {@code why} is the reason as data, {@link #reason()}
 * its sentence.
 */
public record Plan(
        String jobId,
        Decision decision,
        String zone,
        List<PlannedSegment> segments,
        double expectedGPerKwh,
        double nowGPerKwh,
        double expectedSavingFraction,
        Reason why,
        String policy) {

    public Plan {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(decision, "decision of " + jobId);
        Objects.requireNonNull(zone, "zone of " + jobId);
        Objects.requireNonNull(why, "reason of " + jobId);
        Objects.requireNonNull(policy, "policy of " + jobId);
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("Plan of job " + jobId + " must have at least one segment");
        }
        for (int i = 1; i < segments.size(); i++) {
            if (segments.get(i).start().isBefore(segments.get(i - 1).end())) {
                throw new IllegalArgumentException("Segments of job " + jobId + " overlap or are out of order at "
                        + segments.get(i).start());
            }
        }
    }

    /** A plan whose reason is a sentence without a code. */
    public Plan(String jobId, Decision decision, String zone, List<PlannedSegment> segments, double expectedGPerKwh,
            double nowGPerKwh, double expectedSavingFraction, String reason, String policy) {
        this(jobId, decision, zone, segments, expectedGPerKwh, nowGPerKwh, expectedSavingFraction,
                Reason.sentence(reason), policy);
    }

    public String reason() {
        return Wording.render(why);
    }

    /** When the job is first released. */
    public Instant start() {
        return segments.get(0).start();
    }

    /** When the last segment ends. */
    public Instant end() {
        return segments.get(segments.size() - 1).end();
    }

    /** Total planned run time, resume overheads included. */
    public Duration runTime() {
        return segments.stream().map(PlannedSegment::length).reduce(Duration.ZERO, Duration::plus);
    }

    public int pauses() {
        return segments.size() - 1;
    }
}
