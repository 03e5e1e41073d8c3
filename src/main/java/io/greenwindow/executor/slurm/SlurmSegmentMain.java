package io.greenwindow.executor.slurm;

import io.greenwindow.energy.EnergyReport;
import io.greenwindow.node.NodeProfile;
import io.greenwindow.train.TrainMain;
import io.greenwindow.train.TrainingLauncher;
import io.greenwindow.train.TrainingOutcome;
import io.greenwindow.train.TrainingProcess;
import io.greenwindow.train.TrainingRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a greenwindow Slurm job runs on its allocated node: the trainer ({@link TrainMain}) in a child JVM, as the
 * local runtime starts it, metered on this node (NVML on the GPUs Slurm gave the job, RAPL, or the CPU model,
 * each labelled), then the outcome written into the shared folder for the service to account. Usage:
 * {@code SlurmSegmentMain --job ID --work DIR --models DIR --zone Z [--pue P] [--omp N] [--max-bytes B]
 * [--bin-minutes M]}. Exits 0 when training completed, 75 when it checkpointed and stopped, 2 when it failed.
 */
public final class SlurmSegmentMain {

    private SlurmSegmentMain() {
    }

    public static void main(String[] args) {
        Map<String, String> o = options(args);
        Map<String, String> env = System.getenv();
        String slurmJob = env.getOrDefault("SLURM_JOB_ID", "?");
        String host = env.getOrDefault("SLURMD_NODENAME", "localhost");
        // The GPUs Slurm allocated (gres/gpu): Slurm sets CUDA_VISIBLE_DEVICES to them (SLURM_JOB_GPUS lists
        // them too, where a site's prolog clears the former); none means the CPU.
        String gpus = env.getOrDefault("CUDA_VISIBLE_DEVICES", env.getOrDefault("SLURM_JOB_GPUS", ""));
        Path work = Path.of(o.get("--work"));
        int code;
        try {
            String pue = o.get("--pue");
            NodeProfile node = NodeProfile.detectLocal(host, o.getOrDefault("--zone", "unknown"),
                    pue == null || pue.isBlank() ? null : Double.valueOf(pue));
            Clock clock = Clock.systemUTC();
            TrainingRequest request = new TrainingRequest(o.get("--job"), work.resolve(io.greenwindow.service.WorkDirs.DOCUMENT_FILE), work,
                    Path.of(o.get("--models")), Integer.parseInt(o.getOrDefault("--omp", "1")),
                    Long.parseLong(o.getOrDefault("--max-bytes", "0")),
                    Duration.ofMinutes(Long.parseLong(o.getOrDefault("--bin-minutes", "5"))),
                    Map.of("CUDA_VISIBLE_DEVICES", gpus));
            long started = clock.millis();
            TrainingProcess process = new TrainingLauncher(node, clock).start(request);
            TrainingOutcome outcome = process.awaitExit();
            EnergyReport e = outcome.energy();
            // Where it ran goes with the energy into the ledger: the node as Slurm names it and the Slurm job.
            // Slurm's own figure, where acct_gather_energy is configured, goes beside the trainer's (never into it).
            EnergyReport located = new EnergyReport(e.start(), e.end(), host + " (Slurm job " + slurmJob + ")",
                    e.devices(), e.pue(), e.pueKnown(), e.bins(), e.incomplete(),
                    SlurmEnergy.ofBatchStep(new ProcessCommandRunner(Map.of()), slurmJob).orElse(null));
            TrainingOutcome withPlace = new TrainingOutcome(outcome.status(), outcome.message(), outcome.modelFile(),
                    located, outcome.probe(), outcome.backend(), outcome.summary());
            SegmentOutcome.of(withPlace, slurmJob, host, gpus).write(work, started);
            // The outcome file now holds this energy durably until the service has written it to the ledger
            // (SlurmAccounting marks it accounted only then), so the raw log is reported: otherwise the service
            // would recover the same energy a second time from it.
            java.nio.file.Path log = process.energyLog();
            if (log != null && java.nio.file.Files.exists(log)) {
                io.greenwindow.train.EnergyRecovery.markReported(log);
            }
            System.out.println("greenwindow: " + outcome.status() + " in Slurm job " + slurmJob + " on " + host
                    + (gpus.isEmpty() ? "" : " GPUs " + gpus) + ": " + outcome.message());
            code = switch (outcome.status()) {
                case COMPLETED -> TrainMain.EXIT_COMPLETED;
                case PAUSED -> TrainMain.EXIT_PAUSED;
                case FAILED -> TrainMain.EXIT_FAILED;
            };
        } catch (RuntimeException | java.io.IOException e) {
            System.err.println("greenwindow: the trainer could not run on " + host + ": " + e.getMessage());
            code = TrainMain.EXIT_FAILED;
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        for (String required : new String[] {"--job", "--work", "--models"}) {
            if (!options.containsKey(required)) {
                System.err.println("SlurmSegmentMain needs " + required);
                Runtime.getRuntime().halt(TrainMain.EXIT_FAILED);
            }
        }
        return options;
    }
}
