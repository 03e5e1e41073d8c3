package io.greenwindow.ledger;

/**
 * Software Carbon Intensity (ISO/IEC 21031:2024): SCI = (E x I + M) per R, for one functional unit.
 *
 * @param energyKwh E, facility energy per functional unit
 * @param intensityGPerKwh I, location-based intensity (null when not known yet)
 * @param embodiedG M, the time-share of the hardware's embodied emissions
 * @param sciG the score in gCO2e per functional unit (null while I is unknown)
 */
public record SciScore(String functionalUnit, double energyKwh, Double intensityGPerKwh, double embodiedG,
        Double sciG, String boundary, String method) {
}
