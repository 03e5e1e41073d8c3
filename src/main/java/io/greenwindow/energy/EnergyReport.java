package io.greenwindow.energy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything measured or estimated about the energy of one run segment: the bins, the PUE applied on top of the
 * IT energy, the node and devices. PUE is explicit: an unknown PUE is 1.0 and {@code pueKnown} is false.
 * {@code incomplete} is null when the energy covers the whole segment, else the sentence saying what is missing
 * (a segment cut by a crash is known only up to its last sample: a lower bound). {@code cluster} is what a
 * cluster manager measured for the same run (Slurm's ConsumedEnergy), shown beside the figures and never added to
 * them; null where none was measured.
 */
public record EnergyReport(
        Instant start,
        Instant end,
        String node,
        List<String> devices,
        double pue,
        boolean pueKnown,
        List<EnergyBin> bins,
        @JsonInclude(JsonInclude.Include.NON_NULL) String incomplete,
        @JsonInclude(JsonInclude.Include.NON_NULL) ClusterEnergy cluster) {

    /** Energy measured (or estimated), {@code incomplete} null when it covers the whole segment. */
    public EnergyReport(Instant start, Instant end, String node, List<String> devices, double pue, boolean pueKnown,
            List<EnergyBin> bins, String incomplete) {
        this(start, end, node, devices, pue, pueKnown, bins, incomplete, null);
    }

    /** The same report with what the cluster manager measured for the run beside it. */
    public EnergyReport withCluster(ClusterEnergy measured) {
        return new EnergyReport(start, end, node, devices, pue, pueKnown, bins, incomplete, measured);
    }

    /** Energy measured (or estimated) to the segment's end. */
    public EnergyReport(Instant start, Instant end, String node, List<String> devices, double pue, boolean pueKnown,
            List<EnergyBin> bins) {
        this(start, end, node, devices, pue, pueKnown, bins, null);
    }

    /** Whether the energy covers the whole segment; when not, {@link #incomplete} says what is missing. */
    public boolean coversWholeSegment() {
        return incomplete == null;
    }

    public EnergyReport {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(node, "node");
        devices = List.copyOf(devices);
        bins = List.copyOf(bins);
        if (!(pue >= 1.0) || !Double.isFinite(pue)) {
            throw new IllegalArgumentException("PUE " + pue + " must be >= 1.0");
        }
    }

    /** IT energy (before PUE) per component, summed over bins. */
    public Map<Component, Double> itKwhByComponent() {
        Map<Component, Double> sums = new EnumMap<>(Component.class);
        for (EnergyBin bin : bins) {
            for (ComponentEnergy c : bin.components()) {
                sums.merge(c.component(), c.kwh(), Double::sum);
            }
        }
        return sums;
    }

    /** IT energy before PUE. */
    public double itKwh() {
        return bins.stream().mapToDouble(EnergyBin::kwh).sum();
    }

    /** Facility energy: IT energy times PUE. */
    public double facilityKwh() {
        return itKwh() * pue;
    }
}
