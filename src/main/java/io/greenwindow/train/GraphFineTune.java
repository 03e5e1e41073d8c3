package io.greenwindow.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;

/**
 * Transfer learning on a ComputationGraph with one output fed by one vertex: the first {@code freeze} layers in
 * topological order keep their weights (DL4J freezes a vertex and everything before it), the output is replaced.
 */
final class GraphFineTune {

    private GraphFineTune() {
    }

    static ComputationGraph apply(ComputationGraph graph, Path baseFile, int freeze, BaseOutputLayer.Builder<?> output,
            FineTuneConfiguration fineTune) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (conf.getNetworkOutputs().size() != 1) {
            throw new TrainingFailure("model.base: " + baseFile + " has outputs " + conf.getNetworkOutputs()
                    + "; fine-tuning replaces a single output");
        }
        String out = conf.getNetworkOutputs().get(0);
        List<String> feeding = conf.getVertexInputs().get(out);
        if (feeding == null || feeding.size() != 1) {
            throw new TrainingFailure("model.base: output " + out + " of " + baseFile + " has inputs " + feeding
                    + "; fine-tuning needs an output fed by one vertex");
        }
        List<String> layers = new ArrayList<>();
        GraphVertex[] vertices = graph.getVertices();
        for (int index : graph.topologicalSortOrder()) {
            GraphVertex vertex = vertices[index];
            if (vertex.hasLayer() && !vertex.getVertexName().equals(out)) {
                layers.add(vertex.getVertexName());
            }
        }
        if (freeze > layers.size()) {
            throw new TrainingFailure("model.freeze: " + freeze + " is more than the " + layers.size()
                    + " layers below the output of " + baseFile);
        }
        long nIn = ((FeedForwardLayer) graph.getLayer(out).conf().getLayer()).getNIn();
        TransferLearning.GraphBuilder builder = new TransferLearning.GraphBuilder(graph).fineTuneConfiguration(fineTune);
        if (freeze > 0) {
            builder.setFeatureExtractor(layers.get(freeze - 1));
        }
        return builder.removeVertexAndConnections(out)
                .addLayer(out, output.nIn(nIn).weightInit(WeightInit.XAVIER).build(), feeding.get(0))
                .setOutputs(out)
                .build();
    }
}
