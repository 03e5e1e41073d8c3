package io.greenwindow.train;

import java.time.Instant;
import java.util.Locale;

/**
 * How far a job's training has got, as its trainer last reported it: the position (whole epochs done and batches
 * into the next), the measured rate, the latest loss, the training time so far over all segments, and the end
 * expected from that rate (null until a rate is measured or once finished).
 */
public record TrainingProgress(int epochsDone, int epochs, int batchInEpoch, int batchesPerEpoch, long examplesSeen,
        double examplesPerSecond, double loss, double elapsedSeconds, Instant updatedAt, Instant expectedEnd) {

    public TrainingProgress {
        if (epochs < 1 || batchesPerEpoch < 1) {
            throw new IllegalArgumentException("epochs and batchesPerEpoch must be >= 1, got " + epochs + " and "
                    + batchesPerEpoch);
        }
        if (epochsDone < 0 || epochsDone > epochs || batchInEpoch < 0 || batchInEpoch >= batchesPerEpoch) {
            throw new IllegalArgumentException("position epoch " + epochsDone + " batch " + batchInEpoch
                    + " is outside " + epochs + "x" + batchesPerEpoch);
        }
        if (updatedAt == null) {
            throw new IllegalArgumentException("updatedAt is required");
        }
    }

    /** Batches done over batches in all, 0..1. */
    public double fraction() {
        long total = (long) epochs * batchesPerEpoch;
        return ((long) epochsDone * batchesPerEpoch + batchInEpoch) / (double) total;
    }

    public boolean finished() {
        return epochsDone == epochs;
    }

    /** "37%", rounded down so that 100% means done. */
    public String percent() {
        return (int) Math.floor(fraction() * 100 + 1e-9) + "%";
    }

    /** "epoch 3/40, batch 2/5, 37%, 812 examples/s, loss 0.4121, 12s elapsed": one line for the CLI and pages. */
    public String line() {
        String where = finished() ? "epoch " + epochs + "/" + epochs
                : "epoch " + (epochsDone + 1) + "/" + epochs + ", batch " + batchInEpoch + "/" + batchesPerEpoch;
        return String.format(Locale.ROOT, "%s, %s, %.0f examples/s, loss %s, %.0fs elapsed", where, percent(),
                examplesPerSecond, Double.isNaN(loss) ? "unknown" : String.format(Locale.ROOT, "%.4f", loss),
                elapsedSeconds);
    }
}
