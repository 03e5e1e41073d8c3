package io.greenwindow.ledger;

import io.greenwindow.energy.EnergyMethod;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the whole ledger adds up to, each job counted once (its JOB entry or the latest completion of it; a job
 * without one by its segments): the inventory emitted, the carbon avoided by waiting (the realised saving, never
 * added to the inventory), the IT energy by how it was obtained, and how many counted entries still wait for
 * history (their carbon counts as nothing until it arrives).
 *
 * @param headSeq the newest entry these totals include (0 for an empty ledger)
 */
public record LedgerTotals(long headSeq, double inventoryG, double avoidedG, int pendingCarbon,
        Map<EnergyMethod, Double> itKwhByMethod) {

    public LedgerTotals {
        itKwhByMethod = Map.copyOf(itKwhByMethod);
    }

    /** Sums {@code entries} (the whole ledger in chain order) ending at {@code headSeq}. */
    static LedgerTotals of(long headSeq, List<LedgerEntry> entries) {
        double inventory = 0;
        double avoided = 0;
        int pending = 0;
        Map<EnergyMethod, Double> kwh = new EnumMap<>(EnergyMethod.class);
        for (LedgerEntry e : EffectiveEntries.of(entries)) {
            CarbonFigures carbon = e.content().carbon();
            if (carbon == null || !carbon.complete()) {
                pending++;
            }
            if (carbon != null && carbon.inventoryG() != null) {
                inventory += carbon.inventoryG();
            }
            if (carbon != null && carbon.avoidedG() != null) {
                avoided += carbon.avoidedG();
            }
            if (e.content().energy() != null) {
                for (EnergyFigures.ComponentFigure c : e.content().energy().components()) {
                    kwh.merge(c.method(), c.itKwh(), Double::sum);
                }
            }
        }
        return new LedgerTotals(headSeq, inventory, avoided, pending, kwh);
    }
}
