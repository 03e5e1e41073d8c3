package io.greenwindow.plan;

import io.greenwindow.policy.Policy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a chosen placement into a {@link Plan}: expected intensity, saving against running at once, the sentence. */
record Draft(PlanRequest request, Policy policy, double nowAvg, Map<String, ZoneForecast> forecasts, Instant now) {

    Plan plan(String zone, List<long[]> segments, double integral, String reason) {
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

    String greenReason(String zone, List<long[]> segments, double integral) {
        return greenReason(zone, segments, integral, false);
    }

    /**
     * Why this placement; {@code partial}: the forecast ends before the deadline, so "the greenest window before
     * the deadline" cannot be claimed (the caller adds {@link #partialNote}).
     */
    String greenReason(String zone, List<long[]> segments, double integral, boolean partial) {
        long runTime = segments.stream().mapToLong(s -> s[1] - s[0]).sum();
        double expected = integral / runTime;
        boolean atOnce = segments.get(0)[0] <= now.getEpochSecond();
        String where = zone.equals(request.homeZone()) ? "" : " in " + zone;
        String parts = segments.size() == 1 ? "" : " in " + segments.size() + " segments";
        String head = atOnce
                ? "run now" + where + parts
                : "held until " + Wording.at(IntensityCurve.instant(segments.get(0)[0]), now) + where + parts;
        String deadline = Wording.at(request.deadline(), now);
        boolean capped = delayCapped();
        if (atOnce && segments.size() == 1 && zone.equals(request.homeZone())) {
            String why = partial ? ": now is the greenest window the forecast knows"
                    : capped ? ": " + delayLimit() + ": the greenest " + Wording.length(request.duration())
                            + " within it is now"
                    : ": now is the greenest window before the deadline " + deadline;
            return head + why + " (forecast " + Wording.g(expected) + " g/kWh)";
        }
        String vs = Double.isNaN(nowAvg) ? "" : " vs " + Wording.g(nowAvg) + " now"
                + (where.isEmpty() ? "" : " in " + request.homeZone());
        double saving = saving(integral);
        return head + ": forecast " + Wording.g(expected) + " g/kWh" + vs
                + (Double.isNaN(saving) ? "" : ", expected saving " + Wording.percent(saving))
                + (capped ? "; " + delayLimit() + ", so it must end by "
                        + Wording.at(Decider.latestEnd(request, policy.rules()), now) + " rather than the deadline "
                        + deadline : "");
    }

    /** Whether the policy's maximum delay, not the deadline, bounds how late the job may end. */
    boolean delayCapped() {
        return Decider.latestEnd(request, policy.rules()).isBefore(request.deadline());
    }

    /** "policy default@3 allows at most 1h of delay". */
    String delayLimit() {
        return "policy " + policy.label() + " allows at most " + Wording.length(policy.rules().maxDelay())
                + " of delay";
    }

    /**
     * What a plan on a forecast that ends before the deadline says: how far it was searched, and, for a job that
     * waits, that it is placed again when a longer forecast arrives.
     */
    String partialNote(Instant coveredUntil, boolean waits) {
        return "forecast covers only until " + Wording.at(coveredUntil, now) + ", short of the deadline "
                + Wording.at(request.deadline(), now) + "; planned within it"
                + (waits ? ", re-planned when more arrives" : "");
    }

    /**
     * Why a plan that would make the job wait is dropped for running at once: e.g. "the best window (17:00 UTC, 549
     * vs 552 g/kWh) would save 1%, below policy default@2's minimum of 5%".
     */
    String notWorthWaiting(String zone, List<long[]> segments, double integral, double minimum) {
        long runTime = segments.stream().mapToLong(s -> s[1] - s[0]).sum();
        long start = segments.get(0)[0];
        String when = start <= now.getEpochSecond() ? "now" : Wording.at(IntensityCurve.instant(start), now);
        boolean home = zone.equals(request.homeZone());
        String where = home ? "" : " in " + zone;
        String parts = segments.size() == 1 ? "" : " in " + segments.size() + " segments";
        double saving = saving(integral);
        String[] percents = Wording.percents(saving, minimum);
        return "the best window (" + when + where + parts + ", " + Wording.g(integral / runTime) + " vs "
                + Wording.g(nowAvg) + " g/kWh" + (home ? "" : " now in " + request.homeZone()) + ") would save "
                + percents[0] + ", below policy " + policy.label() + "'s minimum of " + percents[1];
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
