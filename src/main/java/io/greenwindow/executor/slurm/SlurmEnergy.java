package io.greenwindow.executor.slurm;

import io.greenwindow.energy.ClusterEnergy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Slurm's own energy figure for the run of a batch script, asked on the node before the script ends: there is no
 * {@code sacct} without slurmdbd, but {@code sstat} asks slurmd about the running step. With an acct_gather_energy
 * plugin configured it prints the step's ConsumedEnergyRaw in joules ({@code 600}); without one, {@code 0}
 * (both recorded from Slurm 22.05.8, the first with acct_gather_energy/pm_counters on this project's test cluster).
 */
final class SlurmEnergy {

    static final String METHOD = "measured by Slurm";

    private SlurmEnergy() {
    }

    /** The batch step's energy so far, when Slurm measures any. */
    static Optional<ClusterEnergy> ofBatchStep(CommandRunner runner, String slurmJobId) {
        String step = slurmJobId + ".batch";
        try {
            CommandRunner.Result r = runner.run(List.of("sstat", "--jobs=" + step, "--format=ConsumedEnergyRaw",
                    "--parsable2", "--noheader", "--noconvert"), null, Duration.ofSeconds(20));
            return r.ok() ? parse(r.stdout(), step) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty(); // Slurm's figure is a second opinion: never a reason for the run to fail
        }
    }

    /**
     * sstat's answer: one line with the joules; 0, blank or not a number means Slurm measured nothing. A figure
     * near 2^64 is a counter that went backwards in Slurm's unsigned arithmetic (seen here as
     * 18446744073709543424 when the counter file was read while being rewritten): no figure either.
     */
    static Optional<ClusterEnergy> parse(String sstatOutput, String step) {
        String first = sstatOutput.strip().lines().findFirst().orElse("").strip();
        if (!first.matches("\\d{1,18}")) {
            return Optional.empty();
        }
        long joules = Long.parseLong(first);
        return joules <= 0 ? Optional.empty() : Optional.of(new ClusterEnergy(joules, METHOD,
                "ConsumedEnergyRaw of Slurm step " + step + " (acct_gather_energy, read with sstat on the node)"));
    }
}
