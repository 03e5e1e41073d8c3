package io.greenwindow.job.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;

/**
 * One layer of a declarative model: {@code dense}, {@code lstm}, {@code output} (feed-forward) or
 * {@code rnn-output} (one prediction per time step). {@code loss} only matters for the output kinds. An output
 * layer may leave {@code units} at {@link #FROM_DATA} to take the number of classes (or characters) from the data.
 */
public record LayerSpec(String type, int units, String activation, double dropout, String loss) {
    public static final int FROM_DATA = 0;

    public LayerSpec {
        Objects.requireNonNull(type, "type");
        if (units < 0 || units == FROM_DATA && !(type.equals("output") || type.equals("rnn-output"))) {
            throw new IllegalArgumentException("Layer units " + units + " must be > 0 (0 = from the data, output layers only)");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("Layer dropout " + dropout + " must be in [0, 1)");
        }
    }

    @JsonIgnore
    public boolean isOutput() {
        return type.equals("output") || type.equals("rnn-output");
    }
}
