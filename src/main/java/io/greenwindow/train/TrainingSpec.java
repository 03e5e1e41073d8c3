package io.greenwindow.train;

import java.util.Objects;

/** The parts of a job spec the training runtime reads: its name and kind, the model, the data, the settings. */
public record TrainingSpec(String name, String kind, ModelSpec model, DataSpec data, TrainingSettings training) {
    public TrainingSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(training, "training");
        if (kind.equals("fine-tune") != (model instanceof ModelSpec.FineTune)) {
            throw new IllegalArgumentException("Kind " + kind + " does not match model " + model);
        }
    }
}
