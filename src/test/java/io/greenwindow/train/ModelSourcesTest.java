package io.greenwindow.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.greenwindow.energy.PowerModel;
import io.greenwindow.job.spec.JobDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spec may name a DL4J JSON configuration or a saved model zip instead of declaring layers. */
class ModelSourcesTest {

    @TempDir
    Path tmp;

    private ChildResult train(Path specFile, String job) throws Exception {
        return new TrainRun(TrainingTestSpecs.document(specFile, tmp.resolve("models")), tmp.resolve("jobs").resolve(job),
                tmp.resolve("models"), job, PowerModel.DEFAULT).run();
    }

    @Test
    void configAndSaved_graphJsonThenItsModelZip_bothTrain() throws Exception {
        // GIVEN a ComputationGraph configuration written by DL4J
        Path declared = TrainingTestSpecs.irisWithDropout(tmp, "declared", 1, true, "PT30S");
        JobDocument spec = TrainingTestSpecs.document(declared);
        ComputationGraph graph = (ComputationGraph) Networks.create(spec.model(), spec.training(),
                TrainingData.load(spec.data()));
        Files.writeString(tmp.resolve("graph.json"), graph.getConfiguration().toJson());
        String data = "data: {type: csv, path: iris.csv, labelColumn: 4, numClasses: 3, skipLines: 1}\n"
                + "training: {epochs: 1, batchSize: 10}\n";

        // WHEN a spec names it, and another spec continues from the model the first one saved
        ChildResult fromConfig = train(TrainingTestSpecs.write(tmp, "from-config",
                "name: from-config\nmodel: {config: graph.json}\n" + data), "cfg");
        Files.copy(Path.of(fromConfig.modelFile()), tmp.resolve("saved.zip"));
        ChildResult fromSaved = train(TrainingTestSpecs.write(tmp, "from-saved",
                "name: from-saved\nmodel: {saved: saved.zip}\n" + data), "saved");

        // THEN both train, as graphs
        assertThat(fromConfig.status()).isEqualTo("COMPLETED");
        assertThat(fromSaved.status()).isEqualTo("COMPLETED");
        assertThat(Networks.restore(Path.of(fromSaved.modelFile()), false)).isInstanceOf(ComputationGraph.class);
        assertThat(Networks.restore(Path.of(fromSaved.modelFile()), false).params())
                .isNotEqualTo(Networks.restore(tmp.resolve("saved.zip"), false).params());
    }

    @Test
    void restore_fileThatIsNotAModel_failsWithOneSentence() throws Exception {
        Path junk = Files.writeString(tmp.resolve("junk.zip"), "not a zip");
        assertThatThrownBy(() -> Networks.restore(junk, true))
                .isInstanceOf(TrainingFailure.class)
                .hasMessageStartingWith("model: " + junk + " is not a DL4J model zip");
    }

    @Test
    void fineTune_freezingMoreLayersThanTheBaseHas_failsNamingTheField() throws Exception {
        Path declared = TrainingTestSpecs.irisWithDropout(tmp, "base", 1, false, "PT30S");
        ChildResult base = train(declared, "base");
        assertThat(Networks.restore(Path.of(base.modelFile()), false)).isInstanceOf(MultiLayerNetwork.class);
        Path spec = TrainingTestSpecs.write(tmp, "ft", """
                name: ft
                kind: fine-tune
                model: {base: "job:base", freeze: 5, output: {units: 3}}
                data: {type: csv, path: iris.csv, labelColumn: 4, numClasses: 3, skipLines: 1}
                """);

        assertThatThrownBy(() -> train(spec, "ft")).isInstanceOf(TrainingFailure.class)
                .hasMessageStartingWith("model.freeze: 5 is more than the 2 layers below the output of ");
    }

    @Test
    void fineTune_graphBase_freezesFirstLayerAndReplacesTheOutput() throws Exception {
        ChildResult base = train(TrainingTestSpecs.irisWithDropout(tmp, "graph-base", 1, true, "PT30S"), "gbase");
        Files.copy(TrainingTestSpecs.EXAMPLES.resolve("datasets/iris-versicolor-virginica.csv"), tmp.resolve("vv.csv"));
        Path spec = TrainingTestSpecs.write(tmp, "gft", """
                name: gft
                kind: fine-tune
                model: {base: "job:gbase", freeze: 1, output: {units: 2}}
                data: {type: csv, path: vv.csv, labelColumn: 4, numClasses: 2, skipLines: 1}
                training: {epochs: 2, batchSize: 10}
                """);

        ChildResult tuned = train(spec, "gft");

        ComputationGraph before = (ComputationGraph) Networks.restore(Path.of(base.modelFile()), false);
        ComputationGraph after = (ComputationGraph) Networks.restore(Path.of(tuned.modelFile()), false);
        assertThat(after.getLayer("layer0").params()).as("frozen").isEqualTo(before.getLayer("layer0").params());
        assertThat(after.getLayer("layer1").params()).as("trained").isNotEqualTo(before.getLayer("layer1").params());
        assertThat(after.outputSingle(org.nd4j.linalg.factory.Nd4j.rand(1, 4)).length()).isEqualTo(2);
    }
}
