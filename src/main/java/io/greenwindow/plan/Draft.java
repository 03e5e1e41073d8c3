package io.greenwindow.plan;

import io.greenwindow.policy.Policy;
import io.greenwindow.reason.Reason;
import io.greenwindow.reason.ReasonCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a chosen placement into a {@link Plan}: expected intensity, saving against running at once, the reason. */
record Draft(PlanRequest request, Policy policy, double nowAvg, Map<String, ZoneForecast> forecasts, Instant now) {

    Plan plan(String zone, List<long[]> segments, double integral, Reason reason) {
        long runTime = 0;
        List<PlannedSegment> planned = new ArrayList<>();
        for (long[] s : segments) {
            runTime += s[1] - s[0];
            planned.add(new PlannedSegment(zone, IntensityCurve.instant(s[0]), IntensityCurve.instant(s[1])));
        }
        if (Double.isNaN(integral)) {
            integral = integral(forecasts.get(zone), segments);
        }
        double expected = Double.isNaN(integral) ? Double.NaN : integral / runTime;
        double saving = saving(integral);
        Decision decision = segments.get(0)[0] <= now.getEpochSecond() ? Decision.RUN_NOW : Decision.HOLD;
        return new Plan(request.jobId(), decision, zone, planned, expected, nowAvg,
                Double.isNaN(saving) ? 0 : saving, reason, policy.label());
    }

    /** Emissions saved against running at once at home, as a fraction (overheads count as run time). */
    double saving(double integral) {
        if (Double.isNaN(integral) || Double.isNaN(nowAvg) || nowAvg <= 0) {
            return Double.NaN;
        }
        return 1 - integral / (nowAvg * request.duration().getSeconds());
    }

    Reason greenReason(String zone, List<long[]> segments, double integral) {
        return greenReason(zone, segments, integral, false);
    }

    /**
     * Why this placement; {@code partial}: the forecast ends before the deadline, so "the greenest window before
     * the deadline" cannot be claimed (the caller adds {@link #partialNote}).
     */
    Reason greenReason(String zone, List<long[]> segments, double integral, boolean partial) {
        long runTime = segments.stream().mapToLong(s -> s[1] - s[0]).sum();
        double expected = integral / runTime;
        boolean atOnce = segments.get(0)[0] <= now.getEpochSecond();
        boolean capped = delayCapped();
        if (atOnce && segments.size() == 1 && zone.equals(request.homeZone())) {
            Reason why = partial ? Reason.of(ReasonCode.GREENEST_NOW_FORECAST_KNOWS, now)
                    : capped ? delayLimit(ReasonCode.GREENEST_NOW_WITHIN_DELAY).with("duration", request.duration())
                    : Reason.of(ReasonCode.GREENEST_NOW, now).with("deadline", request.deadline());
            return why.with("expected", expected);
        }
        double saving = saving(integral);
        Reason head = atOnce ? Reason.of(ReasonCode.GREENER_ELSEWHERE_NOW, now)
                : Reason.of(ReasonCode.HELD_FOR_WINDOW, now).with("until", IntensityCurve.instant(segments.get(0)[0]));
        return head.with("zone", zone).with("homeZone", request.homeZone()).with("segments", segments.size())
                .with("expected", expected).with("nowAvg", Double.isNaN(nowAvg) ? null : nowAvg)
                .with("saving", Double.isNaN(saving) ? null : saving)
                .and(capped ? delayLimit(ReasonCode.DELAY_LIMIT_ENDS_BY)
                        .with("end", Decider.latestEnd(request, policy.rules())).with("deadline", request.deadline())
                        : null);
    }

    /** Whether the policy's maximum delay, not the deadline, bounds how late the job may end. */
    boolean delayCapped() {
        return Decider.latestEnd(request, policy.rules()).isBefore(request.deadline());
    }

    /** A reason naming the policy and its maximum delay ("policy default@3 allows at most 1h of delay"). */
    Reason delayLimit(ReasonCode code) {
        return Reason.of(code, now).with("policy", policy.label()).with("maxDelay", policy.rules().maxDelay());
    }

    /**
     * What a plan on a forecast that ends before the deadline says: how far it was searched, and, for a job that
     * waits, that it is placed again when a longer forecast arrives.
     */
    Reason partialNote(Instant coveredUntil, boolean waits) {
        return Reason.of(ReasonCode.FORECAST_PARTIAL, now).with("until", coveredUntil)
                .with("deadline", request.deadline()).with("replanned", waits);
    }

    /**
     * Why a plan that would make the job wait is dropped for running at once: e.g. "the best window (17:00 UTC, 549
     * vs 552 g/kWh) would save 1%, below policy default@2's minimum of 5%".
     */
    Reason notWorthWaiting(String zone, List<long[]> segments, double integral, double minimum) {
        long runTime = segments.stream().mapToLong(s -> s[1] - s[0]).sum();
        return Reason.of(ReasonCode.NOT_WORTH_WAITING, now).with("start", IntensityCurve.instant(segments.get(0)[0]))
                .with("zone", zone).with("homeZone", request.homeZone()).with("segments", segments.size())
                .with("expected", integral / runTime).with("nowAvg", nowAvg).with("saving", saving(integral))
                .with("policy", policy.label()).with("minimum", minimum);
    }

    static double integral(ZoneForecast f, List<long[]> segments) {
        if (f == null || !f.available()) {
            return Double.NaN;
        }
        double sum = 0;
        for (long[] s : segments) {
            if (!f.curve().covers(s[0], s[1])) {
                return Double.NaN;
            }
            sum += f.curve().integral(s[0], s[1]);
        }
        return sum;
    }
}
