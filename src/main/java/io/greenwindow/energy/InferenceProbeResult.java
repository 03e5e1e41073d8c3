package io.greenwindow.energy;

import java.util.Objects;

/**
 * What the inference probe measured for a trained model on its node: energy and time per request at a small and
 * a large batch and, for sequence models, per generated token (null otherwise). {@code method} says whether the
 * joules were measured by counters or estimated by the model; {@code detail} gives the devices or constants.
 */
public record InferenceProbeResult(
        String modelKind,
        int smallBatch,
        double joulesPerRequestSmall,
        double secondsPerRequestSmall,
        int largeBatch,
        double joulesPerRequestLarge,
        double secondsPerRequestLarge,
        Double joulesPerToken,
        Double secondsPerToken,
        EnergyMethod method,
        String detail,
        String backend) {

    public InferenceProbeResult {
        Objects.requireNonNull(modelKind, "modelKind");
        Objects.requireNonNull(method, "method");
        if (smallBatch < 1 || largeBatch < 1) {
            throw new IllegalArgumentException("Batch sizes must be >= 1, got " + smallBatch + " and " + largeBatch);
        }
    }
}
