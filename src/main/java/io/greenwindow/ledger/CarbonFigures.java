package io.greenwindow.ledger;

import io.greenwindow.grid.EmissionScope;
import io.greenwindow.grid.SignalKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The carbon of an entry from history. Inventory (what the run emitted, energy-weighted over the intervals it ran
 * in) and avoided carbon (the counterfactual run at once from submission minus the inventory, on the same energy
 * profile and the same history) are separate figures and must never be added. A figure is null when history did
 * not cover its period yet; {@code notes} say why, and any caveat of the signal used. {@code provenance} (null
 * in entries written before it was kept) says whether the history is the zone's configured provider's own.
 */
public record CarbonFigures(String source, String zone, SignalKind kind, EmissionScope scope, Duration step,
        List<IntervalCarbon> intervals, Double inventoryG, Double intensityGPerKwh, Instant counterfactualStart,
        List<IntervalCarbon> counterfactualIntervals, Double counterfactualG, Double avoidedG, String avoidedBasis,
        List<String> notes, Provenance provenance) {

    public CarbonFigures {
        intervals = List.copyOf(intervals);
        counterfactualIntervals = List.copyOf(counterfactualIntervals);
        notes = List.copyOf(notes);
    }

    /** True when the figures come from another source than the zone's configured one (marked, never silent). */
    public boolean substitute() {
        return provenance != null && provenance.substitute();
    }

    public boolean complete() {
        return inventoryG != null && avoidedG != null;
    }
}
