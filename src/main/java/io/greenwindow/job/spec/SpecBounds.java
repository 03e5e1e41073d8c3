package io.greenwindow.job.spec;

import java.time.Duration;

/**
 * The bounds of every field of a spec, in one place (documented in training-configs/README.md). Each is what a
 * user of a small training service would expect; a value outside is refused at submission with its field named,
 * before anything is stored.
 */
public final class SpecBounds {

    public static final Duration MIN_ESTIMATED_DURATION = Duration.ofMinutes(1);
    public static final Duration MAX_ESTIMATED_DURATION = Duration.ofDays(7);
    /** How far ahead a deadline may be: the planner looks no further, and forecasts reach days, not years. */
    public static final Duration DEADLINE_HORIZON = Duration.ofDays(30);
    public static final int MAX_ZONES = 16;
    public static final int MAX_GPUS = 64;
    public static final int MAX_PRIORITY = 1_000;
    public static final int MAX_EPOCHS = 10_000;
    public static final int MAX_BATCH_SIZE = 65_536;
    public static final int MAX_LAYERS = 64;
    public static final int MAX_UNITS = 65_536;
    public static final int MAX_FREEZE = 1_000;
    public static final double MAX_LEARNING_RATE = 10;
    public static final Duration MIN_CHECKPOINT_EVERY = Duration.ofMillis(1);
    public static final Duration MAX_CHECKPOINT_EVERY = Duration.ofHours(24);
    public static final int MAX_LABEL_COLUMN = 10_000;
    public static final int MAX_CLASSES = 100_000;
    public static final int MAX_SKIP_LINES = 1_000_000;
    public static final int MAX_CORPUS_LENGTH = 10_000_000;
    public static final int MAX_SEQUENCE_LENGTH = 10_000;
    public static final double MAX_REQUESTS_PER_DAY = 1e12;
    public static final int MAX_LIFETIME_DAYS = 36_500;
    public static final int MAX_TOKENS_PER_RESPONSE = 1_000_000;
    public static final double MAX_PUE = 3.0;
    public static final int MAX_DESCRIPTION = 2_000;
    public static final int MAX_SOURCE = 255;

    private SpecBounds() {
    }
}
