package io.greenwindow.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small specs written into a test's temp folder, with the shipped Iris CSV copied beside them. */
final class TrainingTestSpecs {

    static final Path EXAMPLES = Path.of("training-configs");

    private TrainingTestSpecs() {
    }

    /** An Iris classifier with dropout (so that resume must restore the RNG), as a list or as a graph. */
    static Path irisWithDropout(Path dir, String name, int epochs, boolean graph, String checkpointEvery) {
        copyIris(dir);
        return write(dir, name, """
                name: %s
                kind: train
                model:
                  graph: %s
                  layers:
                    - {type: dense, units: 12, activation: relu, dropout: 0.2}
                    - {type: dense, units: 8, activation: tanh, dropout: 0.1}
                    - {type: output, units: 3, activation: softmax, loss: mcxent}
                data: {type: csv, path: iris.csv, labelColumn: 4, numClasses: 3, skipLines: 1}
                training:
                  epochs: %d
                  batchSize: 10
                  seed: 123
                  updater: {type: adam, learningRate: 0.01}
                  checkpointEvery: %s
                """.formatted(name, graph, epochs, checkpointEvery));
    }

    static void copyIris(Path dir) {
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve("iris.csv");
            if (!Files.exists(target)) {
                Files.copy(EXAMPLES.resolve("datasets/iris.csv"), target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, String yaml) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(name + ".yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
