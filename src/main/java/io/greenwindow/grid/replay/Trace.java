package io.greenwindow.grid.replay;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Objects;

/**
 * A recorded intensity series on a fixed step (an offline trace), and the way it is laid onto the present: a trace
 * of a whole year maps each present instant onto the same day of year and time of day; a shorter one repeats
 * from its own start. {@code source} says what was read ("Electricity Maps (DE_2023_hourly.csv, lca)"), and
 * {@code filledSlots} counts the intervals carried forward over a gap or a coarser row (0 on a fixed-step trace).
 */
public record Trace(String name, String source, Instant start, Duration step, double[] gPerKwh, int filledSlots) {

    public Trace {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(step, "step");
        if (gPerKwh.length == 0) {
            throw new IllegalArgumentException("Trace " + name + " has no values");
        }
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("Step " + step + " of trace " + name + " must be positive");
        }
        gPerKwh = gPerKwh.clone();
    }

    public int size() {
        return gPerKwh.length;
    }

    public Instant end() {
        return start.plus(step.multipliedBy(gPerKwh.length));
    }

    public double mean() {
        return Arrays.stream(gPerKwh).average().orElseThrow();
    }

    /** Whether the trace spans at least 365 days, so that day-of-year mapping applies. */
    public boolean coversYear() {
        return Duration.between(start, end()).toDays() >= 365;
    }

    /** The trace value that stands for the present instant {@code t}. */
    public double valueFor(Instant t) {
        return gPerKwh[indexFor(t)];
    }

    /** The index of the trace interval that stands for {@code t}. */
    public int indexFor(Instant t) {
        long offsetSeconds;
        if (coversYear()) {
            ZonedDateTime z = t.atZone(ZoneOffset.UTC);
            // 29 February and 31 December of a leap year map onto the trace's last day, never beyond it.
            long day = Math.min(z.getDayOfYear() - 1, Duration.between(start, end()).toDays() - 1);
            long traceYearStart = start.atZone(ZoneOffset.UTC).withDayOfYear(1).toLocalDate()
                    .atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            long secondOfDay = z.toLocalTime().toSecondOfDay();
            offsetSeconds = traceYearStart + day * 86_400 + secondOfDay - start.getEpochSecond();
        } else {
            long length = Duration.between(start, end()).toSeconds();
            offsetSeconds = Math.floorMod(t.getEpochSecond() - start.getEpochSecond(), length);
        }
        long index = Math.floorDiv(offsetSeconds, step.toSeconds());
        return (int) Math.max(0, Math.min(gPerKwh.length - 1, index));
    }
}
