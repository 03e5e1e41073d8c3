package io.greenwindow.job.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.nio.file.Path;
import java.util.Objects;

/** The data a job trains on; all of it ships with the spec or is generated, nothing is downloaded. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = DataSpec.Csv.class, name = "csv"),
        @JsonSubTypes.Type(value = DataSpec.CharCorpus.class, name = "char-corpus")})
public sealed interface DataSpec {

    /**
     * A CSV file (a real path under the allowed roots) with one label column holding class indexes
     * 0..numClasses-1; features are standardised.
     */
    record Csv(Path path, int labelColumn, int numClasses, int skipLines) implements DataSpec {
        public Csv {
            Objects.requireNonNull(path, "path");
            if (labelColumn < 0 || numClasses < 2 || skipLines < 0) {
                throw new IllegalArgumentException("CSV labelColumn " + labelColumn + ", numClasses " + numClasses
                        + ", skipLines " + skipLines + " must be >= 0, >= 2, >= 0");
            }
        }
    }

    /** Seeded generated English-like text cut into sequences for next-character prediction. */
    record CharCorpus(long seed, int length, int sequenceLength) implements DataSpec {
        public CharCorpus {
            if (sequenceLength < 2 || length < sequenceLength + 1) {
                throw new IllegalArgumentException("Corpus length " + length + " and sequenceLength "
                        + sequenceLength + " must allow at least one sequence of >= 2 characters");
            }
        }
    }
}
