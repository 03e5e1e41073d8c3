package io.greenwindow.energy;

import java.nio.file.Path;
import java.util.Objects;

/** One powercap RAPL zone we count: a package, or a DRAM zone (which the package total does not include). */
public record RaplDomain(Path dir, String name, Component component, long maxEnergyRangeUj) {
    public RaplDomain {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(name, "name");
        if (maxEnergyRangeUj <= 0) {
            throw new IllegalArgumentException("max_energy_range_uj " + maxEnergyRangeUj + " of " + dir + " must be > 0");
        }
    }
}
