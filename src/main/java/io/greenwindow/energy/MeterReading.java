package io.greenwindow.energy;

import java.util.Objects;

/**
 * A cumulative energy reading of one component since its meter started, with how it was obtained. Meters return
 * cumulative joules, never deltas, so that a lost sample loses resolution but not energy.
 */
public record MeterReading(Component component, double joules, EnergyMethod method, String detail) {
    public MeterReading {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(method, "method");
        detail = detail == null ? "" : detail;
        if (!Double.isFinite(joules) || joules < 0) {
            throw new IllegalArgumentException("Reading " + joules + " J of " + component + " must be finite and >= 0");
        }
    }
}
