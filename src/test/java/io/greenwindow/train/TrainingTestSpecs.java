package io.greenwindow.train;

import io.greenwindow.job.spec.AllowedRoots;
import io.greenwindow.job.spec.BaseModel;
import io.greenwindow.job.spec.JobDocument;
import io.greenwindow.job.spec.JobDocuments;
import io.greenwindow.job.spec.ModelSpec;
import io.greenwindow.job.spec.SpecParser;
import io.greenwindow.job.spec.TrainingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Small specs written into a test's temp folder, with the shipped Iris CSV copied beside them, and the job
 * documents the service's one spec reader makes of them (what a training JVM receives).
 */
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

    /**
     * The document of a spec file, as the service would store it: read by {@link SpecParser} with the file's
     * folder and training-configs/ as roots (a schedule is added when the file has none); a {@code job:ID} base is
     * resolved to {@code <modelsDir>/ID/model.zip}, as the service resolves it through its job table.
     */
    static JobDocument document(Path specFile, Path modelsDir) {
        try {
            String yaml = Files.readString(specFile);
            if (!yaml.contains("\nschedule:") && !yaml.startsWith("schedule:")) {
                yaml += "\nschedule: {deadline: PT8H, estimatedDuration: PT10M}\n";
            }
            Path dir = specFile.toAbsolutePath().getParent();
            SpecParser parser = new SpecParser(Clock.systemUTC(), Set.of(), "DE",
                    new AllowedRoots(List.of(dir, EXAMPLES)), id -> true);
            JobDocument document = parser.parse(yaml, specFile.getFileName().toString(), dir, null);
            if (document.model() instanceof ModelSpec.FineTune fineTune
                    && fineTune.base() instanceof BaseModel.OfJob ofJob) {
                document = document.withBase(new BaseModel.File(real(modelsDir.resolve(ofJob.jobId()).resolve("model.zip"))));
            }
            return document;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The real path the service stores (a base not trained yet keeps its plain path). */
    private static Path real(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException notYet) {
            return file;
        }
    }

    static JobDocument document(Path specFile) {
        return document(specFile, specFile.toAbsolutePath().getParent().resolve("models"));
    }

    /** The document of a spec file written beside it as JSON, for a training JVM to read. */
    static Path documentFile(Path specFile) {
        try {
            Path file = specFile.resolveSibling(specFile.getFileName() + ".document.json");
            Files.writeString(file, JobDocuments.toJson(document(specFile)));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same document with one epoch, so that every example runs in a second or two. */
    static JobDocument brief(JobDocument d) {
        TrainingSettings t = d.training();
        return new JobDocument(d.name(), d.kind(), d.team(), d.description(), d.schedule(), d.inference(), d.model(),
                d.data(), new TrainingSettings(1, t.batchSize(), t.seed(), t.updater(), t.learningRate(),
                        t.checkpointEvery()));
    }
}
