package io.greenwindow.job;

import io.greenwindow.reason.Reason;
import io.greenwindow.reason.Wording;
import java.time.Instant;
import java.util.List;

/**
 * The plan a job is held on, as stored: decision (HOLD or RUN_NOW), zone and segments, the expected and current
 * intensities, the saving expected and the reason ({@code why}, as data) and policy behind it.
 */
public record StoredPlan(
        String jobId,
        String decision,
        String zone,
        List<Segment> segments,
        double expectedGPerKwh,
        double nowGPerKwh,
        double expectedSaving,
        Reason why,
        String policy,
        Instant plannedAt) {

    public StoredPlan {
        segments = List.copyOf(segments);
    }

    /** A plan whose reason is a sentence without a code. */
    public StoredPlan(String jobId, String decision, String zone, List<Segment> segments, double expectedGPerKwh,
            double nowGPerKwh, double expectedSaving, String reason, String policy, Instant plannedAt) {
        this(jobId, decision, zone, segments, expectedGPerKwh, nowGPerKwh, expectedSaving, Reason.sentence(reason),
                policy, plannedAt);
    }

    public String reason() {
        return Wording.render(why);
    }

    /** Whether the plan releases the job at once (decision RUN_NOW) rather than holding it for a window. */
    public boolean atOnce() {
        return "RUN_NOW".equals(decision);
    }

    /** One planned stretch of running in {@code zone}. */
    public record Segment(String zone, Instant start, Instant end) {
    }

    /**
     * When a job paused at {@code pausedAt} resumes on this plan: the start of its first segment from then on;
     * null when the plan has none (it is planned again for what is left).
     */
    public Instant resumesAt(Instant pausedAt) {
        return segments.stream().map(Segment::start).filter(s -> !s.isBefore(pausedAt)).findFirst().orElse(null);
    }

    public Instant start() {
        return segments.isEmpty() ? null : segments.get(0).start();
    }
}
