package io.greenwindow.train;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One segment to run: the job, its document file (the validated job document, every path in it absolute),
 * its work dir (checkpoints, energy samples, result), where models go, the child's OpenMP threads and native
 * memory cap, the energy bin step (the zone's signal interval) and extra environment for the child (for example
 * {@code CUDA_VISIBLE_DEVICES} chosen by the service, which then overrides the node's default).
 */
public record TrainingRequest(String jobId, Path documentFile, Path workDir, Path modelsDir, int ompThreads,
        long maxPhysicalBytes, Duration energyBinStep, Map<String, String> extraEnv) {

    public TrainingRequest {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(documentFile, "documentFile");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(modelsDir, "modelsDir");
        Objects.requireNonNull(energyBinStep, "energyBinStep");
        extraEnv = Map.copyOf(extraEnv == null ? Map.of() : extraEnv);
        if (jobId.isBlank() || !jobId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("Job id '" + jobId + "' must be letters, digits, '.', '_' or '-'");
        }
        if (ompThreads < 1) {
            throw new IllegalArgumentException("ompThreads " + ompThreads + " must be >= 1");
        }
        if (maxPhysicalBytes < 0) {
            throw new IllegalArgumentException("maxPhysicalBytes " + maxPhysicalBytes + " must be >= 0 (0 = no cap)");
        }
        if (energyBinStep.isZero() || energyBinStep.isNegative()) {
            throw new IllegalArgumentException("energyBinStep " + energyBinStep + " must be positive");
        }
    }
}
