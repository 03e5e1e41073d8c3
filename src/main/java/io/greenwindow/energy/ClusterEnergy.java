package io.greenwindow.energy;

import java.util.Locale;
import java.util.Objects;

/**
 * The energy a cluster manager measured for one run, kept beside the trainer's own figure and never added to it:
 * Slurm's {@code ConsumedEnergy} (acct_gather_energy) counts what its plugin sees, often the whole node, while the
 * trainer meters its own devices.
 *
 * @param method how it was obtained, e.g. "measured by Slurm"
 * @param source where exactly, e.g. "sstat ConsumedEnergyRaw of Slurm job 7.batch (acct_gather_energy)"
 */
public record ClusterEnergy(double joules, String method, String source) {

    /** Differences beyond this share of the larger figure are called out. */
    public static final double NOTABLE_DIFFERENCE = 0.10;

    public ClusterEnergy {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(source, "source");
        if (!(joules >= 0) || !Double.isFinite(joules)) {
            throw new IllegalArgumentException("Cluster energy " + joules + " J must be a finite figure >= 0");
        }
    }

    public double kwh() {
        return joules / 3.6e6;
    }

    /** The difference to {@code trainerItKwh} as a share of the larger of the two (0 when both are 0). */
    public double differenceFrom(double trainerItKwh) {
        double larger = Math.max(kwh(), trainerItKwh);
        return larger == 0 ? 0 : Math.abs(kwh() - trainerItKwh) / larger;
    }

    /** One sentence putting this beside the trainer's own IT energy, saying whether they differ notably. */
    public String beside(double trainerItKwh) {
        double diff = differenceFrom(trainerItKwh);
        String both = String.format(Locale.ROOT, "%s: %.6f kWh (%.0f J, %s); the trainer's own figure: %.6f kWh",
                method, kwh(), joules, source, trainerItKwh);
        return diff > NOTABLE_DIFFERENCE
                ? both + String.format(Locale.ROOT, ": they differ by %.0f%% (Slurm's plugin measures what it sees, "
                        + "often the whole node; the trainer meters its own devices)", diff * 100)
                : both + String.format(Locale.ROOT, ": they agree within %.0f%%", NOTABLE_DIFFERENCE * 100);
    }
}
