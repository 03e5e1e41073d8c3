package io.greenwindow.plan;

import io.greenwindow.policy.Fallback;
import io.greenwindow.policy.Policy;
import io.greenwindow.policy.PolicyRules;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Decides one job's plan at one instant from its zones' forecasts, its policy and the free capacity. */
final class Decider {

    private static final long SEARCH_BEYOND_DEADLINE = Duration.ofDays(60).getSeconds();

    private final Instant nowInstant;
    private final long now;
    private final CarbonBudget budget;
    private final boolean endAligned;
    private final Map<String, Double> forecastError;

    Decider(Instant now, CarbonBudget budget, boolean endAligned) {
        this(now, budget, endAligned, Map.of());
    }

    /** @param forecastError per zone, the σ (g/kWh) of the forecast's error; zones not named are taken as exact */
    Decider(Instant now, CarbonBudget budget, boolean endAligned, Map<String, Double> forecastError) {
        this.nowInstant = now;
        this.now = now.getEpochSecond();
        this.budget = budget;
        this.endAligned = endAligned;
        this.forecastError = forecastError;
    }

    /** The deadline, or earlier when the policy's maximum delay ends sooner. */
    static Instant latestEnd(PlanRequest r, PolicyRules rules) {
        if (rules.maxDelay() == null) {
            return r.deadline();
        }
        Instant capped = r.submittedAt().plus(r.duration()).plus(rules.maxDelay());
        return capped.isBefore(r.deadline()) ? capped : r.deadline();
    }

    Plan decide(PlanRequest r, Policy policy, Map<String, ZoneForecast> forecasts, GpuCapacity cap) {
        PolicyRules rules = policy.rules();
        long d = r.duration().getSeconds();
        long latestEnd = latestEnd(r, rules).getEpochSecond();
        List<String> zones = allowed(r, rules);
        ZoneForecast home = forecasts.get(r.homeZone());
        double nowAvg = home != null && home.available() && home.curve().covers(now, now + d)
                ? home.curve().average(now, now + d) : Double.NaN;
        Draft draft = new Draft(r, policy, nowAvg, forecasts, nowInstant);

        List<ZoneForecast> usable = zones.stream().map(forecasts::get).filter(f -> f != null && f.available()).toList();
        if (usable.isEmpty()) {
            return fallback(draft, zones, forecasts, rules, latestEnd, cap);
        }
        String overBudget = overBudget(r, rules);
        if (r.urgent() && rules.urgentOverride() && overBudget == null) {
            return runNow(draft, zones, cap, "run now: urgent job, and policy " + policy.label()
                    + " lets urgent jobs skip waiting");
        }
        String budgetNote = overBudget == null ? "" : "; " + overBudget;
        if (r.deadline().getEpochSecond() < now + d) {
            // Accepted only with allowLate (or re-planned late): the reason must not suggest the deadline holds.
            return runNow(draft, zones, cap, "run now: deadline " + Wording.at(r.deadline(), nowInstant)
                    + " will be missed: a " + Wording.length(r.duration()) + " job started now ends at "
                    + Wording.at(IntensityCurve.instant(now + d), nowInstant) + budgetNote);
        }
        if (latestEnd < now + d) {
            return runNow(draft, zones, cap, "run now: " + noRoom(draft, latestEnd) + budgetNote);
        }
        ZoneForecast primary = usable.get(0);
        String threshold = overBudget == null ? belowThreshold(primary, rules, latestEnd) : null;
        if (threshold != null) {
            Instant covered = coveredUntil(primary, latestEnd);
            return runNow(draft, zones, cap, "run now: " + threshold
                    + (covered == null ? "" : "; " + draft.partialNote(covered, false)));
        }

        Choice best = null;
        boolean laterStart = false;
        for (ZoneForecast f : usable) {
            SlotMask mask = mask(cap, f, r.gpus());
            WindowSearch.Window w = WindowSearch.best(f.curve(), mask, now, latestEnd, d, endAligned);
            if (w != null) {
                laterStart |= w.laterStartExisted();
                Choice c = new Choice(f.zone(), List.of(new long[] {w.start(), w.end()}), w.integral(), w.integral());
                if (r.interruptible()) {
                    // Single slots are ranked on the smoothed forecast when its error is known (see ForecastSmoothing);
                    // the window and the slots are then compared, and zones chosen, on that same curve.
                    IntensityCurve ranked = ForecastSmoothing.smoothed(f.curve(), forecastError.getOrDefault(f.zone(), 0.0));
                    double windowScore = ranked == f.curve() ? w.integral() : ranked.integral(w.start(), w.end());
                    c = new Choice(f.zone(), c.segments(), w.integral(), windowScore);
                    SlotSearch.Result s = SlotSearch.best(ranked, mask, now, latestEnd, d,
                            rules.checkpointOverhead().getSeconds(), rules.minSegment().getSeconds(), rules.maxPauses());
                    if (s != null && s.integral() < windowScore * (1 - WindowSearch.TIE)) {
                        c = new Choice(f.zone(), s.segments(), integral(f.curve(), s.segments()), s.integral());
                    }
                }
                if (best == null || c.score() < best.score() * (1 - WindowSearch.TIE)) {
                    best = c;
                }
            }
        }
        if (best == null) {
            WindowSearch.Window free = WindowSearch.best(primary.curve(), SlotMask.allUsable(primary.curve()), now,
                    latestEnd, d, endAligned);
            if (free == null) {
                return runNow(draft, zones, cap, "run now: the forecast for " + primary.zone() + " ends at "
                        + Wording.at(IntensityCurve.instant(primary.curve().end()), nowInstant)
                        + ", too soon to compare windows for a " + Wording.length(r.duration()) + " job");
            }
            return cannotFit(draft, zones, cap, latestEnd);
        }
        // A forecast that ends before the latest end was searched only as far as it goes: the plan says so.
        Instant coveredUntil = coveredUntil(forecasts.get(best.zone()), latestEnd);
        String partialNote = coveredUntil == null ? "" : "; " + draft.partialNote(coveredUntil, best.start() > now);
        boolean waits = best.start() > now || best.segments().size() > 1;
        // Over budget, a team waits for the greenest window whatever it saves; and when no zone has the GPUs now,
        // the job waits anyway, so it may as well wait for the greener window.
        if (waits && overBudget == null && rules.minSavingToHold() > 0
                && draft.saving(best.integral()) < rules.minSavingToHold() && fitsNow(r, zones, cap)) {
            return runNow(draft, zones, cap, "run now: " + draft.notWorthWaiting(best.zone(), best.segments(),
                    best.integral(), rules.minSavingToHold()) + (coveredUntil == null ? "" : "; "
                    + draft.partialNote(coveredUntil, false)));
        }
        if (best.start() == now && !laterStart && best.segments().size() == 1 && coveredUntil == null) {
            return draft.plan(best.zone(), best.segments(), best.integral(), "run now: " + noRoom(draft, latestEnd)
                    + budgetNote);
        }
        return draft.plan(best.zone(), best.segments(), best.integral(),
                draft.greenReason(best.zone(), best.segments(), best.integral(), coveredUntil != null) + partialNote
                        + budgetNote);
    }

    /** Why no later start exists: the deadline, or the policy's maximum delay when that ends sooner. */
    private String noRoom(Draft draft, long latestEnd) {
        PlanRequest r = draft.request();
        if (latestEnd < r.deadline().getEpochSecond()) {
            return draft.delayLimit() + ": no later start fits a " + Wording.length(r.duration()) + " job";
        }
        return "deadline " + Wording.at(r.deadline(), nowInstant) + " leaves no room to shift a "
                + Wording.length(r.duration()) + " job";
    }

    /** Where {@code f} ends when that is before {@code latestEnd} (a partial forecast), else null. */
    private static Instant coveredUntil(ZoneForecast f, long latestEnd) {
        if (f == null || !f.available() || f.curve().end() >= latestEnd) {
            return null;
        }
        return IntensityCurve.instant(f.curve().end());
    }

    /** {@code integral} on the forecast, for the plan and its reason; {@code score} on the curve choices are ranked on. */
    private record Choice(String zone, List<long[]> segments, double integral, double score) {
        long start() {
            return segments.get(0)[0];
        }
    }

    private static double integral(IntensityCurve curve, List<long[]> segments) {
        double sum = 0;
        for (long[] s : segments) {
            sum += curve.integral(s[0], s[1]);
        }
        return sum;
    }

    private static List<String> allowed(PlanRequest r, PolicyRules rules) {
        if (rules.allowedZones().isEmpty()) {
            return r.zones();
        }
        List<String> zones = r.zones().stream().filter(rules.allowedZones()::contains).toList();
        // A job naming no allowed zone still has to run somewhere: at home, and the reason does not hide it.
        return zones.isEmpty() ? List.of(r.homeZone()) : zones;
    }

    private String overBudget(PlanRequest r, PolicyRules rules) {
        Double limit = rules.teamBudgetsKgPerMonth().get(r.team());
        if (limit == null) {
            return null;
        }
        Instant monthStart = nowInstant.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1)
                .atStartOfDay().toInstant(ZoneOffset.UTC);
        double spent = budget.spentKg(r.team(), monthStart, nowInstant);
        return spent >= limit ? String.format(java.util.Locale.ROOT,
                "team %s is over its carbon budget (%.1f of %.1f kg this month), so it waits for the greenest window",
                r.team(), spent, limit) : null;
    }

    private String belowThreshold(ZoneForecast f, PolicyRules rules, long latestEnd) {
        double current = f.curve().at(now);
        if (Double.isNaN(current)) {
            return null;
        }
        if (rules.absoluteThresholdGPerKwh() != null && current <= rules.absoluteThresholdGPerKwh()) {
            return "forecast " + Wording.g(current) + " g/kWh now in " + f.zone() + " is at or below the policy threshold "
                    + Wording.g(rules.absoluteThresholdGPerKwh()) + " g/kWh";
        }
        if (rules.percentileThreshold() != null) {
            IntensityCurve c = f.curve();
            int lo = Math.max(0, c.slotOf(now));
            int hi = Math.min(c.size(), c.slotOf(latestEnd - 1) + 1);
            double[] horizon = new double[Math.max(0, hi - lo)];
            for (int i = lo; i < hi; i++) {
                horizon[i - lo] = c.value(i);
            }
            Arrays.sort(horizon);
            if (horizon.length > 0) {
                int rank = (int) Math.ceil(rules.percentileThreshold() / 100.0 * horizon.length);
                double cut = horizon[Math.max(0, rank - 1)];
                if (current <= cut) {
                    return "forecast " + Wording.g(current) + " g/kWh now in " + f.zone() + " is within the greenest "
                            + Wording.g(rules.percentileThreshold()) + "% of the horizon (p" + Wording.g(rules.percentileThreshold())
                            + " = " + Wording.g(cut) + " g/kWh)";
                }
            }
        }
        return null;
    }

    private static SlotMask mask(GpuCapacity cap, ZoneForecast f, int gpus) {
        IntensityCurve c = f.curve();
        if (!cap.constrains(f.zone(), gpus)) {
            return SlotMask.allUsable(c);
        }
        boolean[] blocked = new boolean[c.size()];
        for (int k = 0; k < c.size(); k++) {
            blocked[k] = !cap.fits(f.zone(), gpus, c.slotStart(k), c.slotStart(k + 1));
        }
        return new SlotMask(c, blocked);
    }

    private boolean fitsNow(PlanRequest r, List<String> zones, GpuCapacity cap) {
        long d = r.duration().getSeconds();
        return zones.stream().anyMatch(zone -> cap.fits(zone, r.gpus(), now, now + d));
    }

    private Plan runNow(Draft draft, List<String> zones, GpuCapacity cap, String reason) {
        PlanRequest r = draft.request();
        long d = r.duration().getSeconds();
        for (String zone : zones) {
            if (cap.fits(zone, r.gpus(), now, now + d)) {
                return draft.plan(zone, List.of(new long[] {now, now + d}), Double.NaN, reason);
            }
        }
        return cannotFit(draft, zones, cap, Decider.latestEnd(r, draft.policy().rules()).getEpochSecond());
    }

    /** No allowed zone has the GPUs before the deadline: say so, and start as early as the GPUs free up. */
    private Plan cannotFit(Draft draft, List<String> zones, GpuCapacity cap, long latestEnd) {
        PlanRequest r = draft.request();
        long d = r.duration().getSeconds();
        String bestZone = null;
        long bestStart = Long.MAX_VALUE;
        for (String zone : zones) {
            long s = cap.earliestFit(zone, r.gpus(), now, d, latestEnd + SEARCH_BEYOND_DEADLINE);
            if (s >= 0 && s < bestStart) {
                bestStart = s;
                bestZone = zone;
            }
        }
        if (bestZone == null) {
            if (zones.stream().allMatch(z -> cap.jobSlots(z) < 1)) {
                return draft.plan(r.homeZone(), List.of(new long[] {now, now + d}), Double.NaN, "cannot run: no live "
                        + "node in " + String.join(", ", zones) + " to run it; waits for one to join");
            }
            return draft.plan(r.homeZone(), List.of(new long[] {now, now + d}), Double.NaN, "cannot run: job needs "
                    + r.gpus() + " GPUs but " + cap.tooFewGpus(zones));
        }
        String starts = (bestStart == now ? "now" : Wording.at(IntensityCurve.instant(bestStart), nowInstant));
        String full = cap.whatIsFull(bestZone, r.gpus(), now);
        if (bestStart + d <= latestEnd) {
            // Waiting for capacity, not for a greener window, and the deadline still holds: say so.
            return draft.plan(bestZone, List.of(new long[] {bestStart, bestStart + d}), Double.NaN, "queued: "
                    + (full == null ? "capacity" : full) + " in " + bestZone + " " + (full != null && full.endsWith("s")
                    ? "are" : "is") + " planned until " + starts + "; starts " + starts + ", deadline "
                    + Wording.at(r.deadline(), nowInstant));
        }
        String why = "cannot meet deadline " + Wording.at(r.deadline(), nowInstant) + ": no allowed zone ("
                + String.join(", ", zones) + ") has " + (r.gpus() > 0 ? r.gpus() + " free GPUs" : "a free job slot")
                + " for a " + Wording.length(r.duration()) + " run before it";
        return draft.plan(bestZone, List.of(new long[] {bestStart, bestStart + d}), Double.NaN, why
                + "; starts " + (bestStart == now ? "now" : "at " + starts) + " in " + bestZone + ", the earliest "
                + (full == null ? "capacity is" : full.contains("GPU") ? "the GPUs are" : "a job slot is") + " free");
    }

    private Plan fallback(Draft draft, List<String> zones, Map<String, ZoneForecast> forecasts, PolicyRules rules,
            long latestEnd, GpuCapacity cap) {
        PlanRequest r = draft.request();
        List<String> why = new ArrayList<>();
        for (String z : zones) {
            ZoneForecast f = forecasts.get(z);
            why.add(z + " (" + (f == null ? "not fetched" : f.unavailableReason()) + ")");
        }
        String missing = "no forecast for " + String.join(", ", why);
        long d = r.duration().getSeconds();
        if (rules.fallback() == Fallback.LATEST_START && latestEnd - d > now
                && cap.fits(zones.get(0), r.gpus(), latestEnd - d, latestEnd)) {
            return draft.plan(zones.get(0), List.of(new long[] {latestEnd - d, latestEnd}), Double.NaN,
                    "held until " + Wording.at(IntensityCurve.instant(latestEnd - d), nowInstant) + ": " + missing
                            + ", policy holds until the latest start that meets the deadline");
        }
        return runNow(draft, zones, cap, "run now: " + missing + ", policy falls back to running at once");
    }
}
