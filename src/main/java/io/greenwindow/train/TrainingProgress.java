package io.greenwindow.train;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How far a job's training has got, as its trainer last reported it: the position (whole epochs done and batches
 * into the next), the measured rate, the latest loss, the training time so far over all segments, and the end
 * expected from that rate (null until a rate is measured or once finished).
 */
public record TrainingProgress(int epochsDone, int epochs, int batchInEpoch, int batchesPerEpoch, long examplesSeen,
        double examplesPerSecond, double loss, double elapsedSeconds, Instant updatedAt, Instant expectedEnd,
        List<LossPoint> losses) {

    /** The loss curve keeps at most this many points: when full, every other one is dropped (the shape stays). */
    public static final int MAX_LOSS_POINTS = 200;

    /** The loss after {@code examples} examples, over all segments. */
    public record LossPoint(long examples, double loss) {
    }

    public TrainingProgress(int epochsDone, int epochs, int batchInEpoch, int batchesPerEpoch, long examplesSeen,
            double examplesPerSecond, double loss, double elapsedSeconds, Instant updatedAt, Instant expectedEnd) {
        this(epochsDone, epochs, batchInEpoch, batchesPerEpoch, examplesSeen, examplesPerSecond, loss, elapsedSeconds,
                updatedAt, expectedEnd, List.of());
    }

    /** {@code losses} with {@code point} added, thinned to {@link #MAX_LOSS_POINTS}. */
    static List<LossPoint> append(List<LossPoint> losses, LossPoint point) {
        List<LossPoint> out = new ArrayList<>(losses);
        if (!out.isEmpty() && out.get(out.size() - 1).examples() == point.examples()) {
            out.remove(out.size() - 1);
        }
        out.add(point);
        if (out.size() > MAX_LOSS_POINTS) {
            List<LossPoint> thinned = new ArrayList<>();
            for (int i = 0; i < out.size(); i += 2) {
                thinned.add(out.get(i));
            }
            if (thinned.get(thinned.size() - 1) != point) {
                thinned.add(point); // the latest point always stays
            }
            out = thinned;
        }
        return out;
    }

    public TrainingProgress {
        losses = losses == null ? List.of() : List.copyOf(losses);
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
