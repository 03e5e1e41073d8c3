package io.greenwindow.plan.sim;

import io.greenwindow.grid.replay.TraceCsv;
import io.greenwindow.plan.IntensityCurve;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A recorded intensity series on a fixed step (epoch seconds), as read from a trace file. {@code filledSlots}
 * counts the slots we filled (gaps carried forward, or a coarser step split onto the finer one).
 */
public record Trace(String zone, String source, long start, long step, double[] values, int filledSlots) {

    public Trace {
        if (step <= 0) {
            throw new IllegalArgumentException("Step " + step + " s of trace " + zone + " must be positive");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException("Trace " + zone + " from " + source + " has no values");
        }
    }

    /**
     * Reads {@code file} with the grid's trace reader. Unlike the replay adapter, the simulator takes research
     * traces whose step changes mid-year, so rows go onto the finest step and gaps are carried forward.
     */
    public static Trace read(String zone, Path file, TraceCsv.Column column) {
        io.greenwindow.grid.replay.Trace t;
        try {
            t = TraceCsv.read(file, column, TraceCsv.Gaps.CARRY_FORWARD);
        } catch (CharacterCodingException e) {
            throw new SimulationInputException(file + ": cannot read as UTF-8 text: " + e.getMessage());
        } catch (IOException e) {
            throw new SimulationInputException(file + ": cannot read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new SimulationInputException(e.getMessage());
        }
        return new Trace(zone, t.source(), t.start().getEpochSecond(), t.step().toSeconds(), t.gPerKwh().clone(),
                t.filledSlots());
    }

    public long end() {
        return start + step * values.length;
    }

    public IntensityCurve curve() {
        return new IntensityCurve(start, step, values);
    }

    public double mean() {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The same trace with other values (a noisy forecast of it). */
    public Trace withValues(double[] other, String newSource) {
        return new Trace(zone, newSource, start, step, other, filledSlots);
    }

    public Instant startInstant() {
        return Instant.ofEpochSecond(start);
    }
}
