package io.greenwindow.ledger;

import java.time.Duration;
import java.util.Map;

/**
 * Figures the ledger cannot measure and an admin configures.
 *
 * @param embodiedKgCo2e total embodied emissions of the node's hardware (SCI's TE), 0 when not configured
 * @param hardwareLifespan expected lifespan of that hardware (SCI's EL)
 * @param shareReserved share of the node reserved by one job (SCI's RR/ToR), in (0, 1]
 * @param deploymentIntensityWindow how much history the deployment zone's average intensity is taken over
 * @param teamMonthlyBudgetsKg carbon budget per team and month in kgCO2e; a team without one has no budget
 */
public record LedgerSettings(double embodiedKgCo2e, Duration hardwareLifespan, double shareReserved,
        Duration deploymentIntensityWindow, Map<String, Double> teamMonthlyBudgetsKg) {

    /** Four years is the server lifespan the SCI guidance uses in its worked examples. */
    public static final Duration DEFAULT_HARDWARE_LIFESPAN = Duration.ofDays(4 * 365);
    /** A year of history smooths out the seasons of the deployment zone. */
    public static final Duration DEFAULT_DEPLOYMENT_INTENSITY_WINDOW = Duration.ofDays(365);

    public static final LedgerSettings DEFAULT = new LedgerSettings(0, DEFAULT_HARDWARE_LIFESPAN, 1.0,
            DEFAULT_DEPLOYMENT_INTENSITY_WINDOW, Map.of());

    public LedgerSettings {
        if (!Double.isFinite(embodiedKgCo2e) || embodiedKgCo2e < 0) {
            throw new IllegalArgumentException("embodiedKgCo2e " + embodiedKgCo2e + " must be finite and >= 0");
        }
        if (hardwareLifespan == null || hardwareLifespan.isZero() || hardwareLifespan.isNegative()) {
            throw new IllegalArgumentException("hardwareLifespan " + hardwareLifespan + " must be positive");
        }
        if (!(shareReserved > 0 && shareReserved <= 1)) {
            throw new IllegalArgumentException("shareReserved " + shareReserved + " must be in (0, 1]");
        }
        if (deploymentIntensityWindow == null || deploymentIntensityWindow.isZero()
                || deploymentIntensityWindow.isNegative()) {
            throw new IllegalArgumentException("deploymentIntensityWindow " + deploymentIntensityWindow + " must be positive");
        }
        teamMonthlyBudgetsKg = Map.copyOf(teamMonthlyBudgetsKg == null ? Map.of() : teamMonthlyBudgetsKg);
        teamMonthlyBudgetsKg.forEach((team, kg) -> {
            if (!(kg >= 0) || !Double.isFinite(kg)) {
                throw new IllegalArgumentException("Budget " + kg + " kgCO2e of team " + team + " must be finite and >= 0");
            }
        });
    }

    public boolean embodiedConfigured() {
        return embodiedKgCo2e > 0;
    }
}
