package io.greenwindow.ledger;

import java.time.Duration;
import java.util.Locale;

/** SCI per functional unit, with the embodied term M = TE x (TiR / EL) x (RR / ToR) from {@link LedgerSettings}. */
final class SciCalculator {

    static final String BOUNDARY = "Operational: the job's GPU, CPU and RAM energy on its node times PUE. Embodied: "
            + "the node's hardware, time-shared by the run's duration over its lifespan and by the share reserved. "
            + "Excluded: networking, storage, data preparation, idle capacity, the client side.";

    private final LedgerSettings settings;

    SciCalculator(LedgerSettings settings) {
        this.settings = settings;
    }

    /** One training run: E its facility kWh, I its energy-weighted intensity, M for the time it held the node. */
    SciScore trainingRun(EnergyFigures energy, Double intensity) {
        double m = embodiedG(Duration.ofMillis((long) (energy.runSeconds() * 1000)));
        return score("1 training run", energy.facilityKwh(), intensity, m,
                "E " + energy.methodSummary() + "; I energy-weighted over the run's history intervals; " + embodied());
    }

    /** 1,000 inference requests: E from the probe, I the deployment zone's, M for the time they hold the node. */
    SciScore thousandRequests(InferenceProjection p, double secondsPerRequest) {
        double e = InferenceProjector.kwh(p.joulesPerRequest(), 1000, p.pue());
        double m = embodiedG(Duration.ofMillis((long) (secondsPerRequest * 1000 * 1000)));
        return score("1,000 inference requests", e, p.intensityGPerKwh(), m,
                "E from the inference probe (" + p.probeMethodLabel() + ", " + p.perRequestBasis() + "); I "
                        + p.intensityBasis() + "; " + embodied());
    }

    private SciScore score(String unit, double e, Double i, double m, String method) {
        Double sci = i == null ? null : e * i + m;
        return new SciScore(unit, e, i, m, sci, BOUNDARY, method);
    }

    private double embodiedG(Duration reserved) {
        double share = (double) reserved.toMillis() / settings.hardwareLifespan().toMillis();
        return settings.embodiedKgCo2e() * 1000 * share * settings.shareReserved();
    }

    private String embodied() {
        if (!settings.embodiedConfigured()) {
            return "M = 0 because no embodied hardware figure is configured (the score understates)";
        }
        return String.format(Locale.ROOT, "M from %.0f kgCO2e embodied over %d days, %.0f%% of the node reserved",
                settings.embodiedKgCo2e(), settings.hardwareLifespan().toDays(), settings.shareReserved() * 100);
    }
}
