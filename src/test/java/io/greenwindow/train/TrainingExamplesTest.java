package io.greenwindow.train;

import static io.greenwindow.train.TrainingTestSpecs.brief;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.energy.PowerModel;
import io.greenwindow.job.spec.BaseModel;
import io.greenwindow.job.spec.DataSpec;
import io.greenwindow.job.spec.JobDocument;
import io.greenwindow.job.spec.JobKind;
import io.greenwindow.job.spec.ModelSpec;
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
                    .sorted(Comparator.comparing((Path f) -> TrainingTestSpecs.document(f).kind() == JobKind.FINE_TUNE)
                            .thenComparing(Path::toString))
                    .toList();
        }
        assertThat(specs).extracting(p -> p.getFileName().toString())
                .contains("iris-classifier.yaml", "char-lstm.yaml", "iris-fine-tune.yaml");
        Path models = tmp.resolve("models");
        for (Path file : specs) {
            JobDocument spec = baseFromModels(brief(TrainingTestSpecs.document(file)), models);
            String job = spec.name() + "-job";

            ChildResult result = new TrainRun(spec, tmp.resolve("jobs").resolve(job), models, job,
                    PowerModel.DEFAULT).run();

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
        new TrainRun(brief(TrainingTestSpecs.document(baseFile)), tmp.resolve("jobs/base"), models,
                "iris-classifier-job", PowerModel.DEFAULT).run();
        Path fineFile = TrainingTestSpecs.EXAMPLES.resolve("iris-fine-tune.yaml");

        ChildResult result = new TrainRun(baseFromModels(brief(TrainingTestSpecs.document(fineFile)), models),
                tmp.resolve("jobs/fine"), models, "fine", PowerModel.DEFAULT).run();

        MultiLayerNetwork base = (MultiLayerNetwork) Networks.restore(
                models.resolve("iris-classifier-job/model.zip"), false);
        MultiLayerNetwork tuned = (MultiLayerNetwork) Networks.restore(Path.of(result.modelFile()), false);
        assertThat(tuned.getLayer(0).params()).as("frozen layer 0").isEqualTo(base.getLayer(0).params());
        assertThat(tuned.getLayer(1).params()).as("trainable layer 1").isNotEqualTo(base.getLayer(1).params());
        assertThat(tuned.output(org.nd4j.linalg.factory.Nd4j.rand(1, 4)).length()).isEqualTo(2);
    }

    /**
     * A {@code latest:NAME} base resolved as the service resolves it (the newest completed job of that spec, here
     * the one this test trained as {@code NAME-job}).
     */
    private static JobDocument baseFromModels(JobDocument document, Path models) throws java.io.IOException {
        if (document.model() instanceof ModelSpec.FineTune fineTune
                && fineTune.base() instanceof BaseModel.LatestOf latest) {
            return document.withBase(new BaseModel.File(models.resolve(latest.specName() + "-job/model.zip").toRealPath()));
        }
        return document;
    }
}
