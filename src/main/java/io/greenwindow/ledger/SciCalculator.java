package io.greenwindow.ledger;

import io.greenwindow.energy.InferenceProbeResult;
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

    /**
     * 1,000 inference requests: E from the probe, I the deployment zone's, M for the time they hold the node. E
     * and M are on one basis: for a sequence model priced per token, both are per token x tokens per response
     * (M from the probe's seconds per token), never E per token with M from one short probe request.
     */
    SciScore thousandRequests(InferenceProjection p, InferenceProbeResult probe) {
        double e = InferenceProjector.kwh(p.joulesPerRequest(), 1000, p.pue());
        boolean perToken = probe.joulesPerToken() != null && p.tokensPerResponse() != null
                && probe.secondsPerToken() != null;
        double secondsPerRequest = perToken ? probe.secondsPerToken() * p.tokensPerResponse()
                : probe.secondsPerRequestSmall();
        String timeBasis = perToken
                ? String.format(Locale.ROOT, "node time %.4g s/token x %d tokens per response", probe.secondsPerToken(),
                        p.tokensPerResponse())
                : String.format(Locale.ROOT, "node time %.4g s per request at batch %d", probe.secondsPerRequestSmall(),
                        probe.smallBatch());
        double m = embodiedG(Duration.ofNanos((long) (secondsPerRequest * 1000 * 1e9)));
        return score("1,000 inference requests", e, p.intensityGPerKwh(), m,
                "E from the inference probe (" + p.probeMethodLabel() + ", " + p.perRequestBasis() + "); I "
                        + p.intensityBasis() + "; " + embodied() + (settings.embodiedConfigured()
                                ? ", over " + timeBasis : ""));
    }

    /** 1,000 requests of {@code joulesPerRequest} IT energy each, holding the node {@code secondsPerRequest}. */
    SciScore thousandRequests(double joulesPerRequest, double pue, Double intensity, double secondsPerRequest,
            String energyBasis, String intensityBasis, String timeBasis) {
        double e = InferenceProjector.kwh(joulesPerRequest, 1000, pue);
        double m = embodiedG(Duration.ofNanos((long) (secondsPerRequest * 1000 * 1e9)));
        return score("1,000 inference requests", e, intensity, m, "E " + energyBasis + " x PUE "
                + Quantities.significant(pue) + "; I " + intensityBasis + "; " + embodied()
                + (settings.embodiedConfigured() ? ", over " + timeBasis : ""));
    }

    private SciScore score(String unit, double e, Double i, double m, String method) {
        Double sci = i == null ? null : e * i + m;
        return new SciScore(unit, e, i, m, sci, BOUNDARY, method);
    }

    private double embodiedG(Duration reserved) {
        double share = (reserved.getSeconds() + reserved.getNano() / 1e9) / settings.hardwareLifespan().getSeconds();
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
