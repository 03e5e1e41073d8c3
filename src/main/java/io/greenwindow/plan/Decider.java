package io.greenwindow.plan;

import io.greenwindow.policy.Fallback;
import io.greenwindow.policy.Policy;
import io.greenwindow.policy.PolicyRules;
import io.greenwindow.reason.FullCapacity;
import io.greenwindow.reason.Reason;
import io.greenwindow.reason.ReasonCode;
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
        Reason overBudget = overBudget(r, rules);
        if (r.urgent() && rules.urgentOverride() && overBudget == null) {
            return runNow(draft, zones, cap, reason(ReasonCode.URGENT_OVERRIDE).with("policy", policy.label()));
        }
        if (r.deadline().getEpochSecond() < now + d) {
            // Accepted only with allowLate (or re-planned late): the reason must not suggest the deadline holds.
            return runNow(draft, zones, cap, reason(ReasonCode.DEADLINE_WILL_BE_MISSED).with("deadline", r.deadline())
                    .with("duration", r.duration()).with("end", IntensityCurve.instant(now + d)).and(overBudget));
        }
        if (latestEnd < now + d) {
            return runNow(draft, zones, cap, noRoom(draft, latestEnd).and(overBudget));
        }
        ZoneForecast primary = usable.get(0);
        Reason threshold = overBudget == null ? belowThreshold(primary, rules, latestEnd) : null;
        if (threshold != null) {
            Instant covered = coveredUntil(primary, latestEnd);
            return runNow(draft, zones, cap, threshold.and(covered == null ? null : draft.partialNote(covered, false)));
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
                return runNow(draft, zones, cap, reason(ReasonCode.FORECAST_TOO_SHORT).with("zone", primary.zone())
                        .with("end", IntensityCurve.instant(primary.curve().end())).with("duration", r.duration()));
            }
            return cannotFit(draft, zones, cap, latestEnd);
        }
        // A forecast that ends before the latest end was searched only as far as it goes: the plan says so.
        Instant coveredUntil = coveredUntil(forecasts.get(best.zone()), latestEnd);
        Reason partialNote = coveredUntil == null ? null : draft.partialNote(coveredUntil, best.start() > now);
        boolean waits = best.start() > now || best.segments().size() > 1;
        // Over budget, a team waits for the greenest window whatever it saves; and when no zone has the GPUs now,
        // the job waits anyway, so it may as well wait for the greener window.
        if (waits && overBudget == null && rules.minSavingToHold() > 0
                && draft.saving(best.integral()) < rules.minSavingToHold() && fitsNow(r, zones, cap)) {
            return runNow(draft, zones, cap, draft.notWorthWaiting(best.zone(), best.segments(),
                    best.integral(), rules.minSavingToHold()).and(coveredUntil == null ? null
                    : draft.partialNote(coveredUntil, false)));
        }
        if (best.start() == now && !laterStart && best.segments().size() == 1 && coveredUntil == null) {
            return draft.plan(best.zone(), best.segments(), best.integral(), noRoom(draft, latestEnd).and(overBudget));
        }
        return draft.plan(best.zone(), best.segments(), best.integral(),
                draft.greenReason(best.zone(), best.segments(), best.integral(), coveredUntil != null).and(partialNote)
                        .and(overBudget));
    }

    private Reason reason(ReasonCode code) {
        return Reason.of(code, nowInstant);
    }

    /** Why no later start exists: the deadline, or the policy's maximum delay when that ends sooner. */
    private Reason noRoom(Draft draft, long latestEnd) {
        PlanRequest r = draft.request();
        if (latestEnd < r.deadline().getEpochSecond()) {
            return draft.delayLimit(ReasonCode.DELAY_LIMIT_NO_ROOM).with("duration", r.duration());
        }
        return reason(ReasonCode.DEADLINE_NO_ROOM).with("deadline", r.deadline()).with("duration", r.duration());
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

    private Reason overBudget(PlanRequest r, PolicyRules rules) {
        Double limit = rules.teamBudgetsKgPerMonth().get(r.team());
        if (limit == null) {
            return null;
        }
        Instant monthStart = nowInstant.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1)
                .atStartOfDay().toInstant(ZoneOffset.UTC);
        double spent = budget.spentKg(r.team(), monthStart, nowInstant);
        return spent >= limit ? reason(ReasonCode.OVER_BUDGET).with("team", r.team()).with("spentKg", spent)
                .with("limitKg", limit) : null;
    }

    private Reason belowThreshold(ZoneForecast f, PolicyRules rules, long latestEnd) {
        double current = f.curve().at(now);
        if (Double.isNaN(current)) {
            return null;
        }
        if (rules.absoluteThresholdGPerKwh() != null && current <= rules.absoluteThresholdGPerKwh()) {
            return reason(ReasonCode.BELOW_THRESHOLD).with("zone", f.zone()).with("now", current)
                    .with("threshold", rules.absoluteThresholdGPerKwh());
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
                    return reason(ReasonCode.WITHIN_PERCENTILE).with("zone", f.zone()).with("now", current)
                            .with("percentile", rules.percentileThreshold()).with("cut", cut);
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

    private Plan runNow(Draft draft, List<String> zones, GpuCapacity cap, Reason reason) {
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
                return draft.plan(r.homeZone(), List.of(new long[] {now, now + d}), Double.NaN,
                        reason(ReasonCode.NO_LIVE_NODE).with("zones", zones));
            }
            int largest = cap.mostGpusForOneJob(zones);
            if (r.gpus() > largest) {
                return draft.plan(r.homeZone(), List.of(new long[] {now, now + d}), Double.NaN,
                        reason(ReasonCode.TOO_FEW_GPUS).with("gpus", r.gpus()).with("largest", largest)
                                .with("byNode", cap.knowsNodes(zones)));
            }
            // The job fits the zones' nodes, but what it needs is promised to others far past its deadline. Named:
            // the first zone with a node that is full now, else the first with a node (some zone has one, above).
            String zone = null;
            FullCapacity full = null;
            for (String z : zones) {
                if (cap.jobSlots(z) > 0) {
                    full = cap.whatIsFull(z, r.gpus(), now);
                    zone = zone == null || full != null ? z : zone;
                    if (full != null) {
                        break;
                    }
                }
            }
            return draft.plan(r.homeZone(), List.of(new long[] {now, now + d}), Double.NaN,
                    reason(ReasonCode.FULL_LONG_PAST_DEADLINE).with("zone", zone).with("full", full)
                            .with("deadline", r.deadline())
                            .with("searched", Duration.ofSeconds(SEARCH_BEYOND_DEADLINE)));
        }
        Instant starts = IntensityCurve.instant(bestStart);
        FullCapacity full = cap.whatIsFull(bestZone, r.gpus(), now);
        if (bestStart + d <= latestEnd) {
            // Waiting for capacity, not for a greener window, and the deadline still holds: say so.
            return draft.plan(bestZone, List.of(new long[] {bestStart, bestStart + d}), Double.NaN,
                    reason(ReasonCode.QUEUED_FOR_CAPACITY).with("zone", bestZone).with("full", full)
                            .with("start", starts).with("deadline", r.deadline()));
        }
        return draft.plan(bestZone, List.of(new long[] {bestStart, bestStart + d}), Double.NaN,
                reason(ReasonCode.DEADLINE_CANNOT_BE_MET).with("deadline", r.deadline()).with("zones", zones)
                        .with("gpus", r.gpus()).with("duration", r.duration()).with("start", starts)
                        .with("zone", bestZone).with("full", full));
    }

    private Plan fallback(Draft draft, List<String> zones, Map<String, ZoneForecast> forecasts, PolicyRules rules,
            long latestEnd, GpuCapacity cap) {
        PlanRequest r = draft.request();
        List<String> why = new ArrayList<>();
        for (String z : zones) {
            ZoneForecast f = forecasts.get(z);
            why.add(f == null ? "not fetched" : String.valueOf(f.unavailableReason()));
        }
        long d = r.duration().getSeconds();
        if (rules.fallback() == Fallback.LATEST_START && latestEnd - d > now
                && cap.fits(zones.get(0), r.gpus(), latestEnd - d, latestEnd)) {
            return draft.plan(zones.get(0), List.of(new long[] {latestEnd - d, latestEnd}), Double.NaN,
                    reason(ReasonCode.FALLBACK_LATEST_START).with("until", IntensityCurve.instant(latestEnd - d))
                            .with("zones", zones).with("whys", why));
        }
        return runNow(draft, zones, cap, reason(ReasonCode.FALLBACK_RUN_NOW).with("zones", zones).with("whys", why));
    }
}
