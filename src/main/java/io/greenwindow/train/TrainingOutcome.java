package io.greenwindow.train;

import io.greenwindow.energy.EnergyReport;
import io.greenwindow.energy.InferenceProbeResult;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a segment ended: {@code message} is a sentence for the user (for a failure, the last lines of the child's
 * stderr); {@code modelFile} and {@code probe} are set when COMPLETED; {@code energy} is always set, because a
 * failed or paused segment used energy too.
 */
public record TrainingOutcome(Status status, String message, Path modelFile, EnergyReport energy,
        InferenceProbeResult probe, String backend, String summary) {

    public enum Status { COMPLETED, PAUSED, FAILED }

    public TrainingOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(energy, "energy");
        if (status == Status.COMPLETED && modelFile == null) {
            throw new IllegalArgumentException("A COMPLETED outcome needs its model file");
        }
    }
}
