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
 * @param substituteAfter how long after a run's end the ledger waits for the zone's configured history provider
 *     before it completes the entry from another source (a fallback, the replay), marked as a substitute
 */
public record LedgerSettings(double embodiedKgCo2e, Duration hardwareLifespan, double shareReserved,
        Duration deploymentIntensityWindow, Map<String, Double> teamMonthlyBudgetsKg, Duration substituteAfter) {

    /** Four years is the server lifespan the SCI guidance uses in its worked examples. */
    public static final Duration DEFAULT_HARDWARE_LIFESPAN = Duration.ofDays(4 * 365);
    /** A year of history smooths out the seasons of the deployment zone. */
    public static final Duration DEFAULT_DEPLOYMENT_INTENSITY_WINDOW = Duration.ofDays(365);

    /**
     * Three days: live providers publish their history within hours; one that has given none for days is down,
     * and a lead would rather see a marked substitute than an entry pending for weeks.
     */
    public static final Duration DEFAULT_SUBSTITUTE_AFTER = Duration.ofDays(3);

    public static final LedgerSettings DEFAULT = new LedgerSettings(0, DEFAULT_HARDWARE_LIFESPAN, 1.0,
            DEFAULT_DEPLOYMENT_INTENSITY_WINDOW, Map.of(), DEFAULT_SUBSTITUTE_AFTER);

    /** Settings with the default wait for the configured history provider. */
    public LedgerSettings(double embodiedKgCo2e, Duration hardwareLifespan, double shareReserved,
            Duration deploymentIntensityWindow, Map<String, Double> teamMonthlyBudgetsKg) {
        this(embodiedKgCo2e, hardwareLifespan, shareReserved, deploymentIntensityWindow, teamMonthlyBudgetsKg,
                DEFAULT_SUBSTITUTE_AFTER);
    }

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
        if (substituteAfter == null || substituteAfter.isNegative()) {
            throw new IllegalArgumentException("substituteAfter " + substituteAfter + " must be zero or positive");
        }
        teamMonthlyBudgetsKg = Map.copyOf(teamMonthlyBudgetsKg == null ? Map.of() : teamMonthlyBudgetsKg);
        teamMonthlyBudgetsKg.forEach((team, kg) -> {
            if (!(kg >= 0) || !Double.isFinite(kg)) {
                throw new IllegalArgumentException("Budget " + kg + " kgCO2e of team " + team + " must be finite and >= 0");
            }
        });
    }

    /** Total embodied emissions of the node's hardware, kg CO2e (SCI's TE); unset means 0 (not configured). */
    public static final String ENV_EMBODIED_KG = "GREENWINDOW_EMBODIED_KGCO2E";
    /** Expected lifespan of that hardware in whole days (SCI's EL); unset means four years. */
    public static final String ENV_LIFESPAN_DAYS = "GREENWINDOW_HARDWARE_LIFESPAN_DAYS";
    /** Share of the node one job reserves, in (0, 1] (SCI's RR/ToR); unset means the whole node. */
    public static final String ENV_EMBODIED_SHARE = "GREENWINDOW_EMBODIED_SHARE";
    /** Whole hours to wait for the zone's configured history provider before using a substitute; unset means 72. */
    public static final String ENV_SUBSTITUTE_AFTER_HOURS = "GREENWINDOW_LEDGER_SUBSTITUTE_AFTER_HOURS";

    /**
     * The defaults overridden by the environment: {@value #ENV_EMBODIED_KG}, {@value #ENV_LIFESPAN_DAYS},
     * {@value #ENV_EMBODIED_SHARE} and {@value #ENV_SUBSTITUTE_AFTER_HOURS}. A blank value counts as unset. A bad value throws
     * {@link IllegalArgumentException} naming the variable, the value and what it must be, so that the service
     * refuses to start rather than print SCI scores from a misread figure.
     */
    public static LedgerSettings fromEnvironment(Map<String, String> env) {
        double embodied = DEFAULT.embodiedKgCo2e();
        Duration lifespan = DEFAULT.hardwareLifespan();
        double share = DEFAULT.shareReserved();
        String value = value(env, ENV_EMBODIED_KG);
        if (value != null) {
            embodied = number(ENV_EMBODIED_KG, value, "a number of kg CO2e >= 0, e.g. 1200");
            if (!(embodied >= 0) || !Double.isFinite(embodied)) {
                throw bad(ENV_EMBODIED_KG, value, "a number of kg CO2e >= 0, e.g. 1200");
            }
        }
        value = value(env, ENV_LIFESPAN_DAYS);
        if (value != null) {
            long days;
            try {
                days = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw bad(ENV_LIFESPAN_DAYS, value, "a whole number of days > 0, e.g. 1460 for four years");
            }
            if (days <= 0) {
                throw bad(ENV_LIFESPAN_DAYS, value, "a whole number of days > 0, e.g. 1460 for four years");
            }
            lifespan = Duration.ofDays(days);
        }
        value = value(env, ENV_EMBODIED_SHARE);
        if (value != null) {
            share = number(ENV_EMBODIED_SHARE, value, "a share in (0, 1], e.g. 0.25 for a quarter of the node");
            if (!(share > 0 && share <= 1)) {
                throw bad(ENV_EMBODIED_SHARE, value, "a share in (0, 1], e.g. 0.25 for a quarter of the node");
            }
        }
        Duration substituteAfter = DEFAULT.substituteAfter();
        value = value(env, ENV_SUBSTITUTE_AFTER_HOURS);
        if (value != null) {
            long hours;
            try {
                hours = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw bad(ENV_SUBSTITUTE_AFTER_HOURS, value, "a whole number of hours >= 0, e.g. 72");
            }
            if (hours < 0) {
                throw bad(ENV_SUBSTITUTE_AFTER_HOURS, value, "a whole number of hours >= 0, e.g. 72");
            }
            substituteAfter = Duration.ofHours(hours);
        }
        return new LedgerSettings(embodied, lifespan, share, DEFAULT.deploymentIntensityWindow(),
                DEFAULT.teamMonthlyBudgetsKg(), substituteAfter);
    }

    private static String value(Map<String, String> env, String name) {
        String v = env == null ? null : env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static double number(String name, String value, String expected) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw bad(name, value, expected);
        }
    }

    private static IllegalArgumentException bad(String name, String value, String expected) {
        return new IllegalArgumentException(name + " is '" + value + "': it must be " + expected);
    }

    public boolean embodiedConfigured() {
        return embodiedKgCo2e > 0;
    }
}
