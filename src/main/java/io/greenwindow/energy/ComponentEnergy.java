package io.greenwindow.energy;

import java.util.Objects;

/**
 * Energy of one component over some stretch, before PUE, with how it was obtained. {@code detail} names the
 * devices or the model's constants (for example "2 cores x 10.5 W/core, RAM 0.375 W/GB x 4 GB").
 */
public record ComponentEnergy(Component component, double kwh, EnergyMethod method, String detail) {
    public ComponentEnergy {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(method, "method");
        detail = detail == null ? "" : detail;
        if (!Double.isFinite(kwh) || kwh < 0) {
            throw new IllegalArgumentException("Energy " + kwh + " kWh of " + component + " must be finite and >= 0");
        }
    }
}
