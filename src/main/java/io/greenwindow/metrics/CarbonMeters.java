package io.greenwindow.metrics;

import io.greenwindow.energy.EnergyMethod;
import io.greenwindow.ledger.LedgerTotals;
import io.greenwindow.service.LiveCapacity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * greenwindow's carbon, energy and capacity meters, read at each scrape: what the ledger says was emitted and
 * avoided and how its energy was obtained, what held jobs' plans expect to save, and per zone the job slots and
 * GPUs offered and in use.
 */
final class CarbonMeters {

    private final MetricSources sources;
    private final MultiGauge emitted;
    private final MultiGauge avoided;
    private final MultiGauge pending;
    private final MultiGauge energy;
    private final MultiGauge heldJobs;
    private final MultiGauge heldSaving;
    private final MultiGauge slots;
    private final MultiGauge slotsUsed;
    private final MultiGauge gpus;
    private final MultiGauge gpusUsed;

    CarbonMeters(MeterRegistry registry, MetricSources sources) {
        this.sources = sources;
        emitted = gauge(registry, "greenwindow.ledger.emitted.grams",
                "gCO2e emitted by all runs in the ledger (location-based inventory, each job counted once)");
        avoided = gauge(registry, "greenwindow.ledger.avoided.grams",
                "gCO2e avoided by waiting (realised saving: the run-at-once counterfactual minus the inventory)");
        pending = gauge(registry, "greenwindow.ledger.pending.entries",
                "Counted ledger entries whose carbon still waits for history (counted as 0 g until it arrives)");
        energy = gauge(registry, "greenwindow.training.energy.kwh",
                "IT energy of all runs in the ledger (before PUE), by how it was obtained");
        heldJobs = gauge(registry, "greenwindow.held.jobs", "Held jobs with a plan, by planned zone");
        heldSaving = gauge(registry, "greenwindow.held.expected.saving.ratio",
                "Saving held jobs' plans expect (1 - planned / current intensity), weighted by estimated run time");
        slots = gauge(registry, "greenwindow.capacity.slots", "Job slots offered by the zone's live nodes");
        slotsUsed = gauge(registry, "greenwindow.capacity.slots.used", "Job slots taken by running jobs");
        gpus = gauge(registry, "greenwindow.capacity.gpus", "GPUs offered by the zone's live nodes");
        gpusUsed = gauge(registry, "greenwindow.capacity.gpus.used", "GPUs held by running jobs");
    }

    private static MultiGauge gauge(MeterRegistry registry, String name, String description) {
        return MultiGauge.builder(name).description(description).register(registry);
    }

    /** Reads every source now and sets the gauges. */
    void refresh() {
        LedgerTotals totals = sources.ledger().get();
        emitted.register(List.of(MultiGauge.Row.of(Tags.empty(), totals.inventoryG())), true);
        avoided.register(List.of(MultiGauge.Row.of(Tags.empty(), totals.avoidedG())), true);
        pending.register(List.of(MultiGauge.Row.of(Tags.empty(), totals.pendingCarbon())), true);
        // Every method always, so that "measured 0 kWh" is a value rather than a missing series.
        List<MultiGauge.Row<?>> byMethod = new ArrayList<>();
        for (EnergyMethod m : EnergyMethod.values()) {
            byMethod.add(MultiGauge.Row.of(Tags.of("method", m.name().toLowerCase(Locale.ROOT),
                    "measured", Boolean.toString(m.isMeasured())), totals.itKwhByMethod().getOrDefault(m, 0.0)));
        }
        energy.register(byMethod, true);

        List<JobCounts.HeldSaving> held = sources.held().get();
        heldJobs.register(held.stream().<MultiGauge.Row<?>>map(h -> MultiGauge.Row.of(Tags.of("zone", h.zone()),
                h.jobs())).toList(), true);
        heldSaving.register(held.stream().<MultiGauge.Row<?>>map(h -> MultiGauge.Row.of(Tags.of("zone", h.zone()),
                h.expectedSavingRatio())).toList(), true);

        Map<String, LiveCapacity.ZoneCapacity> offered = sources.offered().get();
        Map<String, JobCounts.ZoneUse> used = new java.util.HashMap<>();
        sources.running().get().forEach(u -> used.put(u.zone(), u));
        TreeSet<String> zones = new TreeSet<>(offered.keySet());
        zones.addAll(used.keySet());
        List<MultiGauge.Row<?>> s = new ArrayList<>();
        List<MultiGauge.Row<?>> su = new ArrayList<>();
        List<MultiGauge.Row<?>> g = new ArrayList<>();
        List<MultiGauge.Row<?>> gu = new ArrayList<>();
        for (String zone : zones) {
            Tags tags = Tags.of("zone", zone);
            LiveCapacity.ZoneCapacity c = offered.getOrDefault(zone, new LiveCapacity.ZoneCapacity(0, 0));
            JobCounts.ZoneUse u = used.getOrDefault(zone, new JobCounts.ZoneUse(zone, 0, 0));
            s.add(MultiGauge.Row.of(tags, c.slots()));
            su.add(MultiGauge.Row.of(tags, u.slots()));
            g.add(MultiGauge.Row.of(tags, c.gpus()));
            gu.add(MultiGauge.Row.of(tags, u.gpus()));
        }
        slots.register(s, true);
        slotsUsed.register(su, true);
        gpus.register(g, true);
        gpusUsed.register(gu, true);
    }
}
