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
        List<long[]> keptSpans = asRun(current, r, rules);
        List<long[]> freshSpans = seconds(fresh);
        double kept = Draft.integral(forecasts.get(current.zone()), keptSpans);
        double moved = Draft.integral(forecasts.get(fresh.zone()), freshSpans);
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
            List<long[]> both = overlap(keptSpans, freshSpans);
            double shared = Draft.integral(forecasts.get(current.zone()), both);
            kept -= shared;
            moved -= shared;
            // A forecast is less sure the further ahead it looks, so a pause into later hours must promise more: the
            // margin grows with the square root of the hours' mean lead (see LEAD_MARGIN).
            double margin = rules.replanMinImprovement()
                    + LEAD_MARGIN * Math.sqrt(meanLeadHours(freshSpans, both, now));
            return moved < kept * (1 - Math.min(margin, MAX_MARGIN)) ? fresh : current;
        }
        return moved < kept * (1 - rules.replanMinImprovement()) ? fresh : current;
    }

    /**
     * How much the pause margin grows with the lead time L (hours) of the hours a running job's rest would take:
     * {@code LEAD_MARGIN x sqrt(L)}, so a pause into hours 4 h ahead must save 6.5% on the traded hours, 16 h ahead 8%
     * (with the default 5% {@code replanMinImprovement}). A forecast's error grows with its lead time; the service
     * knows no more of a provider's error than that, and an error that accumulates hour by hour (a random walk) has a
     * spread growing as the square root of the lead. Measured on interruptible DE under capacity, rolling forecasts
     * (median of seeds 1-5 of the LP bound's saving): 0.75% x sqrt(L) 95.33%, 0.5% 95.24%, 0.35% 95.23%, none
     * 94.96%; a margin linear in L
     * (0.1%/h 95.12%, 0.2%/h 95.05%, 0.4%/h 94.39%) was worse and missed a deadline in four zones under capacity
     * (seed 3; December 2026).
     */
    static final double LEAD_MARGIN = 0.0075;

    /** The most margin a pause is asked to gain: beyond it, a long lead would freeze a running job outright. */
    static final double MAX_MARGIN = 0.5;

    /** Mean lead (hours after {@code now}) of the time {@code spans} cover outside {@code both} (a subset of them). */
    private static double meanLeadHours(List<long[]> spans, List<long[]> both, Instant now) {
        double t0 = now.getEpochSecond();
        double len = 0;
        double moment = 0;
        for (long[] s : spans) {
            len += s[1] - s[0];
            moment += ((s[1] - t0) * (s[1] - t0) - (s[0] - t0) * (s[0] - t0)) / 2.0;
        }
        for (long[] s : both) {
            len -= s[1] - s[0];
            moment -= ((s[1] - t0) * (s[1] - t0) - (s[0] - t0) * (s[0] - t0)) / 2.0;
        }
        return len <= 0 ? 0 : Math.max(0, moment / len / 3600.0);
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
