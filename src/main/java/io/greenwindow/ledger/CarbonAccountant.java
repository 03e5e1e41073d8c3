package io.greenwindow.ledger;

import io.greenwindow.energy.EnergyReport;
import io.greenwindow.grid.CarbonSignals;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns segments' energy into carbon figures against the zone's history: the inventory where they really ran,
 * and the counterfactual of the same profile laid back to back from {@code counterfactualStart} (the submission),
 * which is what the job would have emitted had it not waited.
 */
final class CarbonAccountant {

    private final CarbonSignals signals;

    CarbonAccountant(CarbonSignals signals) {
        this.signals = signals;
    }

    /** As {@link #account(String, List, Instant, String, Duration)} with nothing configured to say. */
    CarbonFigures account(String zone, List<EnergyReport> segments, Instant counterfactualStart) {
        return account(zone, segments, counterfactualStart, null, null);
    }

    /**
     * @param configuredSource the zone's own history source when the job ran (null: any source is its own)
     * @param substituteAfter null while another source must not stand in for it; else how long the ledger
     *     waited for the configured source, and the substitute is used, marked
     */
    CarbonFigures account(String zone, List<EnergyReport> segments, Instant counterfactualStart,
            String configuredSource, Duration substituteAfter) {
        List<EnergyWeightedCarbon.Placed> actual = new ArrayList<>();
        List<EnergyWeightedCarbon.Placed> counterfactual = new ArrayList<>();
        Instant cursor = counterfactualStart;
        for (EnergyReport r : segments) {
            EnergyReport run = clippedToRun(r);
            actual.add(new EnergyWeightedCarbon.Placed(run, Duration.ZERO));
            counterfactual.add(new EnergyWeightedCarbon.Placed(run, Duration.between(r.start(), cursor)));
            cursor = cursor.plus(Duration.between(r.start(), r.end()));
        }
        // History is asked for exactly the time the placed energy covers, the run and the counterfactual
        // both: asking from the submission missed the interval before it whenever a shifted bin reached back
        // there, and the entry stayed pending for good.
        Instant from = null;
        Instant to = null;
        for (EnergyWeightedCarbon.Placed p : concat(actual, counterfactual)) {
            for (var bin : p.report().bins()) {
                Instant s = bin.start().plus(p.shift());
                Instant e = bin.end().plus(p.shift());
                from = from == null ? s : min(from, s);
                to = to == null ? e : max(to, e);
            }
        }
        if (from == null) {
            from = counterfactualStart;
            to = counterfactualStart;
        }
        if (!to.isAfter(from)) {
            to = from.plusSeconds(1);
        }
        Optional<Signal> found = signals.history(zone, from, to);
        if (found.isEmpty() || found.get().isEmpty()) {
            return new CarbonFigures(null, zone, null, null, null, List.of(), null, null, counterfactualStart,
                    List.of(), null, null, null, List.of("No history for " + zone + " over " + from + " to " + to
                            + " yet: the carbon is completed by a later entry"), Provenance.of(configuredSource, null));
        }
        Signal history = found.get();
        Provenance provenance = Provenance.of(configuredSource, history.source());
        if (provenance.substitute() && substituteAfter == null) {
            return new CarbonFigures(null, zone, null, null, null, List.of(), null, null, counterfactualStart,
                    List.of(), null, null, null, List.of("History of " + zone + " over " + from + " to " + to
                            + " came only from " + history.source() + ", not from " + configuredSource
                            + ", the provider configured for " + zone + " when the job ran: the carbon waits for "
                            + configuredSource + " and is completed by a later entry"),
                    new Provenance(configuredSource, null, false));
        }
        var inventory = EnergyWeightedCarbon.over(actual, history);
        var cf = EnergyWeightedCarbon.over(counterfactual, history);
        List<String> notes = new ArrayList<>();
        if (provenance.substitute()) {
            notes.add(provenance.substituteSentence(zone, substituteAfter));
        }
        if (history.kind() == SignalKind.MARGINAL) {
            notes.add("Inventory uses a marginal signal because the source (" + history.source()
                    + ") gives no average one; location-based inventories call for average intensity");
        }
        long filled = inventory.intervals().stream().filter(IntervalCarbon::filled).count();
        if (filled > 0) {
            notes.add(filled + " interval(s) of the run use intensities filled over gaps in the provider's data");
        }
        if (!inventory.covered()) {
            notes.add("History of " + zone + " does not cover the run from " + inventory.firstUncovered()
                    + " yet: the inventory is completed by a later entry");
        }
        if (!cf.covered()) {
            notes.add("History of " + zone + " does not cover the counterfactual from " + cf.firstUncovered()
                    + " yet: the avoided carbon is completed by a later entry");
        }
        Double inventoryG = inventory.covered() ? inventory.gCo2e() : null;
        Double intensity = inventory.covered() && inventory.facilityKwh() > 0 ? inventory.intensity() : null;
        Double cfG = cf.covered() ? cf.gCo2e() : null;
        Double avoided = inventoryG != null && cfG != null ? cfG - inventoryG : null;
        String basis = history.kind() == SignalKind.MARGINAL
                ? "marginal intensity"
                : "average intensity (the source gives no marginal signal, which would estimate the avoided carbon better)";
        return new CarbonFigures(history.source(), zone, history.kind(), history.scope(), history.step(),
                inventory.intervals(), inventoryG, intensity, counterfactualStart, cf.intervals(), cfG, avoided,
                basis, notes, provenance);
    }

    /**
     * The report with each bin narrowed to the part of it the run covered. Bins are aligned to the signal's
     * intervals, so the first and last usually reach beyond the run; the energy in them was used only while the
     * job ran. Narrowing changes nothing for the inventory (a bin lies within one interval) and keeps the
     * counterfactual, shifted to the submission, from reaching back before it.
     */
    static EnergyReport clippedToRun(EnergyReport r) {
        List<io.greenwindow.energy.EnergyBin> bins = new ArrayList<>();
        boolean changed = false;
        for (var bin : r.bins()) {
            Instant s = max(bin.start(), r.start());
            Instant e = min(bin.end(), r.end());
            if (e.isBefore(s)) {
                // A bin wholly outside the run (a sample taken after it ended): keep it where it is.
                bins.add(bin);
                continue;
            }
            changed |= !s.equals(bin.start()) || !e.equals(bin.end());
            bins.add(new io.greenwindow.energy.EnergyBin(s, e, bin.components()));
        }
        return changed ? new EnergyReport(r.start(), r.end(), r.node(), r.devices(), r.pue(), r.pueKnown(), bins,
                r.incomplete(), r.cluster()) : r;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
