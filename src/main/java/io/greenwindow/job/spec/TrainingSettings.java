package io.greenwindow.job.spec;

import java.time.Duration;
import java.util.Objects;

/** How to train: epochs, batch size, the seed of everything random, the updater and the checkpoint interval. */
public record TrainingSettings(int epochs, int batchSize, long seed, String updater, double learningRate,
        Duration checkpointEvery) {

    public static final Duration DEFAULT_CHECKPOINT_EVERY = Duration.ofSeconds(30);

    public TrainingSettings {
        Objects.requireNonNull(updater, "updater");
        Objects.requireNonNull(checkpointEvery, "checkpointEvery");
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("epochs " + epochs + " and batchSize " + batchSize + " must be > 0");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("Learning rate " + learningRate + " must be > 0");
        }
        if (checkpointEvery.isNegative() || checkpointEvery.isZero()) {
            throw new IllegalArgumentException("checkpointEvery " + checkpointEvery + " must be positive");
        }
    }
}
