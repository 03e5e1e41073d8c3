package io.greenwindow.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Where a job's network comes from: declared layers, a DL4J JSON config, a saved model, or a base to fine-tune. */
public sealed interface ModelSpec {

    /** A chain of layers; {@code graph} builds it as a ComputationGraph instead of a MultiLayerNetwork. */
    record Layers(List<LayerSpec> layers, boolean graph) implements ModelSpec {
        public Layers {
            layers = List.copyOf(layers);
            if (layers.isEmpty() || !layers.get(layers.size() - 1).isOutput()) {
                throw new IllegalArgumentException("Layers must end with an output layer, got " + layers);
            }
        }
    }

    /** A MultiLayerConfiguration or ComputationGraphConfiguration JSON file written by DL4J's {@code toJson()}. */
    record Config(Path file) implements ModelSpec {
        public Config {
            Objects.requireNonNull(file, "file");
        }
    }

    /** A DL4J model zip whose training continues (with its updater state when the zip has it). */
    record Saved(Path file) implements ModelSpec {
        public Saved {
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * Transfer learning: {@code base} is a path, {@code job:<id>} or {@code latest:<spec name>}; the first
     * {@code freeze} layers keep their weights and the output layer is replaced by {@code output}.
     */
    record FineTune(String base, int freeze, LayerSpec output) implements ModelSpec {
        public FineTune {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(output, "output");
            if (freeze < 0) {
                throw new IllegalArgumentException("Frozen layer count " + freeze + " must be >= 0");
            }
        }
    }
}
