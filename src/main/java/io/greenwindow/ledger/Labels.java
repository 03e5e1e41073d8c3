package io.greenwindow.ledger;

import java.util.Locale;

/**
 * How each figure was obtained, in the words every view uses (report page, CLI table, CSV and JSON), so that no
 * figure stands without its method: measured by which counter, estimated by which model, projected from which inputs.
 */
public final class Labels {

    private Labels() {
    }

    /** "projected: probe 0.5 J/token x 1000 tokens (measured (NVML)) x 1,000 requests/day x 365 days x PUE 1.2 x ...". */
    public static String inference(InferenceProjection p) {
        if (p == null) {
            return "";
        }
        return String.format(Locale.ROOT, "projected: %s (%s, %s) x %s requests/day x %d days x %s x %s",
                p.perRequestBasis(), p.probeMethodLabel(), p.probeDetail(), Quantities.significant(p.requestsPerDay()),
                p.lifetimeDays(), deploymentPue(p), p.intensityGPerKwh() == null ? "deployment intensity unknown ("
                        + p.intensityBasis() + ")" : Quantities.significant(p.intensityGPerKwh()) + " gCO2e/kWh ("
                        + p.intensityBasis() + ")");
    }

    /** "PUE 1.2 (deployment)" or the flag that it is unknown. */
    public static String deploymentPue(InferenceProjection p) {
        return p.pueKnown() ? "PUE " + Quantities.significant(p.pue()) + " (deployment)"
                : "deployment PUE unknown, 1.0 assumed";
    }

    /** "PUE 1.2 (training)" or the flag that it is unknown. */
    public static String trainingPue(EnergyFigures e) {
        return e.pueKnown() ? "PUE " + Quantities.significant(e.pue()) + " (training)"
                : "training PUE unknown, 1.0 assumed";
    }

    /** The score's method, or blank for none. */
    public static String sci(SciScore s) {
        return s == null ? "" : "SCI " + s.functionalUnit() + ": " + s.method();
    }
}
