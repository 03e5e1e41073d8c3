package io.greenwindow.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.energy.PowerModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every spec in training-configs/ is valid and trains (one epoch, in this JVM); fine-tunes run on its base. */
class TrainingExamplesTest {

    @TempDir
    Path tmp;

    @Test
    void examples_eachShippedSpec_validatesAndTrainsBriefly() throws Exception {
        List<Path> specs;
        try (Stream<Path> files = Files.list(TrainingTestSpecs.EXAMPLES)) {
            // Plain training first: the fine-tunes start from their models.
            specs = files.filter(f -> f.toString().endsWith(".yaml"))
                    .sorted(Comparator.comparing((Path f) -> TrainingSpecs.read(f).kind().equals("fine-tune"))
                            .thenComparing(Path::toString))
                    .toList();
        }
        assertThat(specs).extracting(p -> p.getFileName().toString())
                .contains("iris-classifier.yaml", "char-lstm.yaml", "iris-fine-tune.yaml");
        Path models = tmp.resolve("models");
        for (Path file : specs) {
            assertThat(TrainingSpecs.validate(TrainingSpecs.readTree(file), file.toAbsolutePath().getParent()))
                    .as(file.toString()).isEmpty();
            TrainingSpec spec = brief(TrainingSpecs.read(file));
            String job = spec.name() + "-job";

            ChildResult result = new TrainRun(spec, file.toAbsolutePath().getParent(), tmp.resolve("jobs").resolve(job),
                    models, job, PowerModel.DEFAULT).run();

            assertThat(result.status()).as(file + ": " + result.message()).isEqualTo("COMPLETED");
            assertThat(Path.of(result.modelFile())).isRegularFile();
            assertThat(result.probe().joulesPerRequestSmall()).isPositive();
            if (spec.data() instanceof DataSpec.CharCorpus) {
                assertThat(result.probe().joulesPerToken()).isPositive();
                assertThat(result.probe().secondsPerToken()).isPositive();
            }
        }
    }

    @Test
    void fineTuneExample_frozenLayerKeepsBaseWeightsAndOutputIsReplaced() throws Exception {
        Path models = tmp.resolve("models");
        Path baseFile = TrainingTestSpecs.EXAMPLES.resolve("iris-classifier.yaml");
        new TrainRun(brief(TrainingSpecs.read(baseFile)), baseFile.toAbsolutePath().getParent(),
                tmp.resolve("jobs/base"), models, "base", PowerModel.DEFAULT).run();
        Path fineFile = TrainingTestSpecs.EXAMPLES.resolve("iris-fine-tune.yaml");

        ChildResult result = new TrainRun(brief(TrainingSpecs.read(fineFile)), fineFile.toAbsolutePath().getParent(),
                tmp.resolve("jobs/fine"), models, "fine", PowerModel.DEFAULT).run();

        MultiLayerNetwork base = (MultiLayerNetwork) Networks.restore(models.resolve("base/model.zip"), false);
        MultiLayerNetwork tuned = (MultiLayerNetwork) Networks.restore(Path.of(result.modelFile()), false);
        assertThat(tuned.getLayer(0).params()).as("frozen layer 0").isEqualTo(base.getLayer(0).params());
        assertThat(tuned.getLayer(1).params()).as("trainable layer 1").isNotEqualTo(base.getLayer(1).params());
        assertThat(tuned.output(org.nd4j.linalg.factory.Nd4j.rand(1, 4)).length()).isEqualTo(2);
    }

    /** The same spec with one epoch, so that every example runs in a second or two. */
    private static TrainingSpec brief(TrainingSpec spec) {
        TrainingSettings t = spec.training();
        return new TrainingSpec(spec.name(), spec.kind(), spec.model(), spec.data(),
                new TrainingSettings(1, t.batchSize(), t.seed(), t.updater(), t.learningRate(), t.checkpointEvery()));
    }
}
