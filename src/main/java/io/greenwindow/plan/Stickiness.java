package io.greenwindow.plan;

import io.greenwindow.policy.PolicyRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps re-planning from thrashing: a job about to start keeps its plan, and so does one whose new plan is only
 * marginally greener on the new forecast (a running interruptible job too: it is paused only when the hours its rest
 * would trade are greener by that margin). A current plan that no longer holds (its start passed, it breaks the
 * deadline, its zone or capacity is gone, or its wait no longer saves the policy's {@code minSavingToHold}) gives
 * way.
 */
final class Stickiness {

    private Stickiness() {
    }

    /** @param running the job runs now ({@code current} is the rest of its plan): the freeze does not apply */
    static Plan choose(PlanRequest r, Plan current, Plan fresh, PolicyRules rules, Instant now,
            Map<String, ZoneForecast> forecasts, GpuCapacity placed, boolean running) {
        if (current == null || current.equals(fresh) || r.urgent()) {
            return fresh;
        }
        if (current.start().isBefore(now) || current.end().isAfter(Decider.latestEnd(r, rules))
                || !r.zones().contains(current.zone())) {
            return fresh;
        }
        if (!current.runTime().equals(fresh.runTime()) && !r.interruptible()) {
            return fresh; // the job's estimated duration changed
        }
        for (PlannedSegment s : current.segments()) {
            if (!placed.fits(s.zone(), r.gpus(), s.start().getEpochSecond(), s.end().getEpochSecond())) {
                return fresh;
            }
        }
        if (running && fresh.start().isAfter(now)
                && fresh.end().plus(r.duration()).isAfter(Decider.latestEnd(r, rules))) {
            // Pausing gives up the GPUs it holds; a later re-plan under contention can push the rest back again.
            // It is paused only with slack to spare: the greener rest must end at least its work left before the
            // deadline, so that losing that window still leaves time to run it (without this margin, four zones
            // under capacity on rolling forecasts missed 13 deadlines of 5,407; December 2026).
            return current;
        }
        if (!running && Duration.between(now, current.start()).compareTo(rules.replanFreeze()) <= 0) {
            return current;
        }
        double kept = Draft.integral(forecasts.get(current.zone()), asRun(current, r, rules));
        double moved = Draft.integral(forecasts.get(fresh.zone()), seconds(fresh));
        if (Double.isNaN(kept) || Double.isNaN(moved)) {
            return fresh;
        }
        if (rules.minSavingToHold() > 0 && (current.start().isAfter(now) || current.pauses() > 0)
                && 1 - kept / (fresh.nowGPerKwh() * r.duration().getSeconds()) < rules.minSavingToHold()) {
            return fresh; // waiting no longer saves what the policy asks (or the policy now asks more)
        }
        if (running && r.interruptible() && current.zone().equals(fresh.zone())) {
            // Whether to pause a running job: the margin weighs the hours it trades (the hours of now, whose intensity
            // is known, for later ones), not the hours its rest keeps either way. Weighed on the whole rest, a long
            // job almost never paused (an hour traded is a small share of 20 h), whatever the new forecast showed:
            // interruptible DE under capacity on rolling forecasts rose from 94.7% to 95.2% of the LP bound's saving
            // (median of seeds 1-3), DE without capacity from 95.1% to 95.6% of the optimum's. A held job's plan is
            // still weighed whole: weighed on the hours that change, held plans chased the forecast's noise among
            // later hours (94.0-94.3% on seeds 2 and 3; December 2026).
            double shared = Draft.integral(forecasts.get(current.zone()),
                    overlap(asRun(current, r, rules), seconds(fresh)));
            kept -= shared;
            moved -= shared;
        }
        return moved < kept * (1 - rules.replanMinImprovement()) ? fresh : current;
    }

    /** The stretches of time that both {@code a} and {@code b} (each sorted, not overlapping itself) cover. */
    static List<long[]> overlap(List<long[]> a, List<long[]> b) {
        List<long[]> both = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            long from = Math.max(a.get(i)[0], b.get(j)[0]);
            long to = Math.min(a.get(i)[1], b.get(j)[1]);
            if (from < to) {
                both.add(new long[] {from, to});
            }
            if (a.get(i)[1] < b.get(j)[1]) {
                i++;
            } else {
                j++;
            }
        }
        return both;
    }

    /**
     * Whether a started job's {@code current} rest must be kept whatever else is planned: it still holds (starts
     * no earlier than now, ends by the latest end the policy allows, in an allowed zone, fits {@code placed}), and it
     * ends less than the work left ({@code r}'s duration) before that latest end, so that losing it would leave no
     * time to run the rest elsewhere -- the margin the pause rule in {@link #choose} keeps. Only where capacity can
     * refuse it: with every window free, the rest can always run later, and holding it costs carbon (interruptible
     * DE without capacity, rolling forecasts: 95.1% of the optimum's saving fell to 94.4%; December 2026).
     */
    static boolean cannotAffordToMove(PlanRequest r, Plan current, PolicyRules rules, Instant now, GpuCapacity placed) {
        if (current == null || current.segments().isEmpty() || current.start().isBefore(now)
                || current.end().isAfter(Decider.latestEnd(r, rules)) || !r.zones().contains(current.zone())
                || !placed.constrains(current.zone(), r.gpus())) {
            return false;
        }
        for (PlannedSegment s : current.segments()) {
            if (!placed.fits(s.zone(), r.gpus(), s.start().getEpochSecond(), s.end().getEpochSecond())) {
                return false;
            }
        }
        return current.end().plus(r.duration()).isAfter(Decider.latestEnd(r, rules));
    }

    /**
     * The spans of {@code current} that the job would really run: its segments cut at the end where they hold more
     * than the request's run time with as many resumes (a held job's plan holds exactly that). So it is compared
     * with the fresh plan on the same work. A started job's stored rest can hold more than its work left: it was
     * planned for the work left when the pause was asked, and the job ran on until its checkpoint. Compared whole,
     * such a rest looked dirtier than a fresh plan of the same hours merely by being longer: once the difference
     * passed {@code replanMinImprovement}, the resumed job got a "goes on" step in its history at the next forecast
     * although nothing changed (a 30-min rest whose pause took two minutes; December 2026).
     */
    private static List<long[]> asRun(Plan current, PlanRequest r, PolicyRules rules) {
        long left = r.duration().getSeconds() + (current.segments().size() - 1L)
                * rules.checkpointOverhead().getSeconds();
        List<long[]> spans = new ArrayList<>();
        for (PlannedSegment s : current.segments()) {
            if (left <= 0) {
                break;
            }
            long from = s.start().getEpochSecond();
            long to = Math.min(s.end().getEpochSecond(), from + left);
            spans.add(new long[] {from, to});
            left -= to - from;
        }
        return spans;
    }

    private static List<long[]> seconds(Plan p) {
        return p.segments().stream().map(s -> new long[] {s.start().getEpochSecond(), s.end().getEpochSecond()}).toList();
    }
}
