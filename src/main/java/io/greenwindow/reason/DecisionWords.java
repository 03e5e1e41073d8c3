package io.greenwindow.reason;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The sentences of the planner's decisions and their notes. */
final class DecisionWords {

    private DecisionWords() {
    }

    /** @param runNow how a run-now decision begins: "run now", or "starting now" on a job about to be released */
    static String sentence(Reason r, String runNow) {
        return switch (r.code()) {
            case URGENT_OVERRIDE -> runNow + ": urgent job, and policy " + r.text("policy")
                    + " lets urgent jobs skip waiting";
            case DEADLINE_WILL_BE_MISSED -> runNow + ": deadline " + at(r, "deadline") + " will be missed: a "
                    + length(r, "duration") + " job started now ends at " + at(r, "end");
            case DELAY_LIMIT_NO_ROOM -> runNow + ": " + delayLimit(r) + ": no later start fits a "
                    + length(r, "duration") + " job";
            case DEADLINE_NO_ROOM -> runNow + ": deadline " + at(r, "deadline") + " leaves no room to shift a "
                    + length(r, "duration") + " job";
            case BELOW_THRESHOLD -> runNow + ": forecast " + g(r, "now") + " g/kWh now in " + r.text("zone")
                    + " is at or below the policy threshold " + g(r, "threshold") + " g/kWh";
            case WITHIN_PERCENTILE -> runNow + ": forecast " + g(r, "now") + " g/kWh now in " + r.text("zone")
                    + " is within the greenest " + g(r, "percentile") + "% of the horizon (p" + g(r, "percentile")
                    + " = " + g(r, "cut") + " g/kWh)";
            case FORECAST_TOO_SHORT -> runNow + ": the forecast for " + r.text("zone") + " ends at " + at(r, "end")
                    + ", too soon to compare windows for a " + length(r, "duration") + " job";
            case NOT_WORTH_WAITING -> runNow + ": " + notWorthWaiting(r);
            case GREENEST_NOW -> runNow + ": now is the greenest window before the deadline " + at(r, "deadline")
                    + forecast(r);
            case GREENEST_NOW_FORECAST_KNOWS -> runNow + ": now is the greenest window the forecast knows" + forecast(r);
            case GREENEST_NOW_WITHIN_DELAY -> runNow + ": " + delayLimit(r) + ": the greenest " + length(r, "duration")
                    + " within it is now" + forecast(r);
            case GREENER_ELSEWHERE_NOW -> runNow + where(r) + green(r);
            case HELD_FOR_WINDOW -> "held until " + at(r, "until") + where(r) + green(r);
            case NO_LIVE_NODE -> "cannot run: no live node in " + String.join(", ", r.texts("zones"))
                    + " to run it; waits for one to join";
            case TOO_FEW_GPUS -> "cannot run: job needs " + r.count("gpus") + " GPUs but the largest "
                    + (r.flag("byNode") ? "node of the allowed zones" : "allowed zone") + " has "
                    + r.count("largest");
            case FULL_LONG_PAST_DEADLINE -> fullLongPastDeadline(r);
            case QUEUED_FOR_CAPACITY -> queued(r);
            case DEADLINE_CANNOT_BE_MET -> cannotMeet(r);
            case FALLBACK_LATEST_START -> "held until " + at(r, "until") + ": " + missing(r)
                    + ", policy holds until the latest start that meets the deadline";
            case FALLBACK_RUN_NOW -> runNow + ": " + missing(r) + ", policy falls back to running at once";
            case OVER_BUDGET -> String.format(Locale.ROOT, "team %s is over its carbon budget (%.1f of %.1f kg this "
                    + "month), so it waits for the greenest window", r.text("team"), r.number("spentKg"),
                    r.number("limitKg"));
            case FORECAST_PARTIAL -> "forecast covers only until " + at(r, "until") + ", short of the deadline "
                    + at(r, "deadline") + "; planned within it" + (r.flag("replanned") ? ", re-planned when more arrives"
                    : "");
            case DELAY_LIMIT_ENDS_BY -> delayLimit(r) + ", so it must end by " + at(r, "end")
                    + " rather than the deadline " + at(r, "deadline");
            default -> null;
        };
    }

    /** "policy default@3 allows at most 1h of delay". */
    private static String delayLimit(Reason r) {
        return "policy " + r.text("policy") + " allows at most " + length(r, "maxDelay") + " of delay";
    }

    private static String forecast(Reason r) {
        return " (forecast " + g(r, "expected") + " g/kWh)";
    }

    /** " in FR in 3 segments": the zone when it is not the job's home, the segments when more than one. */
    private static String where(Reason r) {
        String zone = r.text("zone");
        long segments = r.count("segments");
        return (zone.equals(r.text("homeZone")) ? "" : " in " + zone)
                + (segments == 1 ? "" : " in " + segments + " segments");
    }

    private static String green(Reason r) {
        boolean home = r.text("zone").equals(r.text("homeZone"));
        String vs = r.has("nowAvg") ? " vs " + g(r, "nowAvg") + " now" + (home ? "" : " in " + r.text("homeZone")) : "";
        return ": forecast " + g(r, "expected") + " g/kWh" + vs
                + (r.has("saving") ? ", expected saving " + Wording.percent(r.number("saving")) : "");
    }

    /** "the best window (17:00 UTC, 549 vs 552 g/kWh) would save 1%, below policy default@2's minimum of 5%". */
    private static String notWorthWaiting(Reason r) {
        boolean home = r.text("zone").equals(r.text("homeZone"));
        String when = r.instant("start").isAfter(r.at()) ? at(r, "start") : "now";
        String[] percents = Wording.percents(r.number("saving"), r.number("minimum"));
        return "the best window (" + when + where(r) + ", " + g(r, "expected") + " vs " + g(r, "nowAvg") + " g/kWh"
                + (home ? "" : " now in " + r.text("homeZone")) + ") would save " + percents[0] + ", below policy "
                + r.text("policy") + "'s minimum of " + percents[1];
    }

    /**
     * "queued: the 2 job slots in DE are planned until 14:00 UTC; starts 14:00 UTC, ..."; a start that is no later
     * than the decision (a queued plan read as it starts) reads "is free now" rather than "planned until now".
     */
    private static String queued(Reason r) {
        FullCapacity full = r.full("full");
        boolean now = !r.instant("start").isAfter(r.at());
        String what = full == null ? "capacity" : full(full);
        boolean plural = full != null && (full.unit() == FullCapacity.Unit.NODE_GPUS || full.count() > 1);
        String is = plural ? "are" : "is";
        return "queued: " + what + " in " + r.text("zone") + " " + is + (now ? " free now" : " planned until "
                + at(r, "start")) + "; starts " + starts(r) + ", deadline " + at(r, "deadline");
    }

    /**
     * "cannot fit: the 2 job slots in DE are planned for more than 60 days past the deadline 02 Mar 02:00 UTC;
     * starts now, beyond capacity".
     */
    private static String fullLongPastDeadline(Reason r) {
        FullCapacity full = r.full("full");
        boolean plural = full != null && (full.unit() == FullCapacity.Unit.NODE_GPUS || full.count() > 1);
        return "cannot fit: " + (full == null ? "the capacity" : full(full)) + " in " + r.text("zone") + " "
                + (plural ? "are" : "is") + " planned for more than " + r.duration("searched").toDays()
                + " days past the deadline " + at(r, "deadline") + "; starts now, beyond capacity";
    }

    /** "the one job slot", "the 2 job slots", "the one GPU", "the 4 GPUs", "each node's GPUs". */
    private static String full(FullCapacity full) {
        return switch (full.unit()) {
            case JOB_SLOTS -> full.count() == 1 ? "the one job slot" : "the " + full.count() + " job slots";
            case GPUS -> full.count() == 1 ? "the one GPU" : "the " + full.count() + " GPUs";
            case NODE_GPUS -> "each node's GPUs";
        };
    }

    private static String cannotMeet(Reason r) {
        FullCapacity full = r.full("full");
        long gpus = r.count("gpus");
        boolean now = !r.instant("start").isAfter(r.at());
        String earliest = full == null ? "capacity is" : full.unit() == FullCapacity.Unit.JOB_SLOTS
                ? "a job slot is" : "the GPUs are";
        return "cannot meet deadline " + at(r, "deadline") + ": no allowed zone (" + String.join(", ", r.texts("zones"))
                + ") has " + (gpus > 0 ? gpus + " free GPUs" : "a free job slot") + " for a " + length(r, "duration")
                + " run before it; starts " + (now ? "now" : "at " + starts(r)) + " in " + r.text("zone")
                + ", the earliest " + earliest + " free";
    }

    private static String starts(Reason r) {
        return r.instant("start").isAfter(r.at()) ? at(r, "start") : "now";
    }

    /** "no forecast for DE (timed out), FR (not fetched)". */
    private static String missing(Reason r) {
        List<String> zones = r.texts("zones");
        List<String> whys = r.texts("whys");
        List<String> each = new ArrayList<>();
        for (int i = 0; i < zones.size(); i++) {
            each.add(zones.get(i) + " (" + (i < whys.size() ? whys.get(i) : "unknown") + ")");
        }
        return "no forecast for " + String.join(", ", each);
    }

    private static String at(Reason r, String name) {
        return Wording.at(r, r.instant(name));
    }

    private static String length(Reason r, String name) {
        return Wording.length(r.duration(name));
    }

    private static String g(Reason r, String name) {
        return Wording.g(r.number(name));
    }
}
