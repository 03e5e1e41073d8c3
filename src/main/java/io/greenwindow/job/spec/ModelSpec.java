package io.greenwindow.job.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Where a job's network comes from: declared layers, a DL4J JSON config, a saved model, or a base to fine-tune. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "source")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ModelSpec.Layers.class, name = "layers"),
        @JsonSubTypes.Type(value = ModelSpec.Config.class, name = "config"),
        @JsonSubTypes.Type(value = ModelSpec.Saved.class, name = "saved"),
        @JsonSubTypes.Type(value = ModelSpec.FineTune.class, name = "fine-tune")})
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

    /**
     * A MultiLayerConfiguration or ComputationGraphConfiguration JSON file written by DL4J's {@code toJson()};
     * {@code file} is a real path under the allowed roots.
     */
    record Config(Path file) implements ModelSpec {
        public Config {
            Objects.requireNonNull(file, "file");
        }
    }

    /** A DL4J model zip (a real path under the allowed roots) whose training continues. */
    record Saved(Path file) implements ModelSpec {
        public Saved {
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * Transfer learning on {@code base}; the first {@code freeze} layers keep their weights and the output layer is
     * replaced by {@code output}.
     */
    record FineTune(BaseModel base, int freeze, LayerSpec output) implements ModelSpec {
        public FineTune {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(output, "output");
            if (freeze < 0) {
                throw new IllegalArgumentException("Frozen layer count " + freeze + " must be >= 0");
            }
        }

        public FineTune withBase(BaseModel resolved) {
            return new FineTune(resolved, freeze, output);
        }
    }
}
