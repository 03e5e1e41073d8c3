package io.greenwindow.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rest of an interruptible job that has already run part of its work (running a segment, or paused between
 * two), as the re-planning at a new forecast sees it: what its current plan still holds from now on, the request
 * for its work left, and what a new plan means for it. Shared by the service's re-planning and the simulator's, so
 * that both re-plan a started job the same way.
 *
 * <p>The request asks for the work left plus one resume overhead: a running job that is paused now, like a paused
 * one, restarts from its checkpoint. A running job whose new plan goes on now needs no resume; {@link #goingOn}
 * gives that overhead back.
 */
public final class RestOfRun {

    private RestOfRun() {
    }

    /** What of {@code plan} lies after {@code now} (a segment under way cut to begin now); empty when none. */
    public static List<PlannedSegment> ahead(List<PlannedSegment> plan, Instant now) {
        List<PlannedSegment> rest = new ArrayList<>();
        for (PlannedSegment s : plan) {
            if (s.end().isAfter(now)) {
                rest.add(s.start().isBefore(now) ? new PlannedSegment(s.zone(), now, s.end()) : s);
            }
        }
        return rest;
    }

    /**
     * The request for the rest: {@code workLeft} plus one resume overhead, in the zone it ran in (where its
     * checkpoint is).
     */
    public static PlanRequest request(PlanRequest job, Duration workLeft, Duration overhead, String zone) {
        return new PlanRequest(job.jobId(), job.team(), job.submittedAt(), job.deadline(), workLeft.plus(overhead),
                List.of(zone), job.gpus(), true, job.priority(), job.urgent());
    }

    /** Whether {@code plan} for a running job lets it go on now rather than pause. */
    public static boolean goesOn(Plan plan, Instant now) {
        return !plan.start().isAfter(now);
    }

    /**
     * {@code plan} for a running job that goes on now, less the resume overhead that the request asked for and
     * going on does not need (taken off the end of its last segment). A plan that was kept (its run time is just the
     * work left plus the resumes of its later segments) is returned as it is.
     */
    public static Plan goingOn(Plan plan, Duration workLeft, Duration overhead) {
        List<PlannedSegment> segments = new ArrayList<>(plan.segments());
        long needed = workLeft.getSeconds() + (segments.size() - 1) * overhead.getSeconds();
        long excess = Math.min(overhead.getSeconds(), plan.runTime().getSeconds() - needed);
        PlannedSegment last = segments.get(segments.size() - 1);
        if (excess <= 0 || last.length().getSeconds() <= excess) {
            return plan;
        }
        segments.set(segments.size() - 1, new PlannedSegment(last.zone(), last.start(), last.end().minusSeconds(excess)));
        return withSegments(plan, segments);
    }

    /** {@code plan} with other segments, everything else as it is. */
    public static Plan withSegments(Plan plan, List<PlannedSegment> segments) {
        return new Plan(plan.jobId(), plan.decision(), plan.zone(), segments, plan.expectedGPerKwh(), plan.nowGPerKwh(),
                plan.expectedSavingFraction(), plan.why(), plan.policy());
    }
}
