package io.greenwindow.metrics;

import io.greenwindow.grid.AdapterStatus;
import io.greenwindow.ledger.LedgerTotals;
import io.greenwindow.service.LiveCapacity;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where each of greenwindow's own meters reads its value at a scrape: the database's job counts, the adapters'
 * status, the ledger's totals and the capacity the live nodes offer.
 *
 * @param offered job slots and GPUs per zone of the nodes alive now
 */
public record MetricSources(Supplier<List<JobCounts.Row>> jobs, Supplier<List<AdapterStatus>> adapters,
        Supplier<LedgerTotals> ledger, Supplier<List<JobCounts.HeldSaving>> held,
        Supplier<List<JobCounts.ZoneUse>> running, Supplier<Map<String, LiveCapacity.ZoneCapacity>> offered) {
}
