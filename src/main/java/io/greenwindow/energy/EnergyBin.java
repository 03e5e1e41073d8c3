package io.greenwindow.energy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The energy a job used during [start, end), one entry per component. Bins are aligned to the zone's signal
 * intervals so that carbon is energy-weighted interval by interval.
 */
public record EnergyBin(Instant start, Instant end, List<ComponentEnergy> components) {
    public EnergyBin {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("Bin end " + end + " is before its start " + start);
        }
        components = List.copyOf(components);
    }

    /** IT energy of this bin (before PUE), all components. */
    public double kwh() {
        return components.stream().mapToDouble(ComponentEnergy::kwh).sum();
    }
}
