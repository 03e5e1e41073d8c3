package io.greenwindow.train;

import io.greenwindow.json.JsonMapping;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.job.spec.LayerSpec;
import io.greenwindow.job.spec.ModelSpec;
import io.greenwindow.job.spec.ModelZips;
import io.greenwindow.job.spec.TrainingSettings;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Builds, restores and fine-tunes DL4J networks from a spec; the only class that knows DL4J's builders. */
final class Networks {

    private static final ObjectMapper CONFIG_SYNTAX = JsonMapping.json();

    private Networks() {
    }

    /** A new network for a spec of kind train, sized to the data (inputs and classes come from the data). */
    static Model create(ModelSpec model, TrainingSettings settings, TrainingData data) {
        if (model instanceof ModelSpec.Layers layers) {
            return declared(layers, settings, data);
        }
        if (model instanceof ModelSpec.Config config) {
            return fromConfig(config.file());
        }
        if (model instanceof ModelSpec.Saved saved) {
            return restoreUsers(saved.file(), true, "model.saved");
        }
        throw new IllegalArgumentException("Fine-tune models are built by fineTune(), not create(): " + model);
    }

    /** Transfer learning on a saved network: freeze the first layers, replace the output layer. */
    static Model fineTune(Path baseFile, ModelSpec.FineTune spec, TrainingSettings settings, TrainingData data) {
        Model base = restoreUsers(baseFile, false, "model.base");
        LayerSpec out = spec.output().units() == LayerSpec.FROM_DATA ? new LayerSpec(spec.output().type(),
                data.numOutputs(), spec.output().activation(), 0, spec.output().loss()) : spec.output();
        FineTuneConfiguration fineTune = new FineTuneConfiguration.Builder()
                .updater(updater(settings)).seed(settings.seed()).build();
        if (base instanceof ComputationGraph graph) {
            return GraphFineTune.apply(graph, baseFile, spec.freeze(), outputLayer(out), fineTune);
        }
        MultiLayerNetwork net = (MultiLayerNetwork) base;
        int layers = net.getnLayers();
        if (spec.freeze() > layers - 1) {
            throw new TrainingFailure("model.freeze: " + spec.freeze() + " is more than the " + (layers - 1)
                    + " layers below the output of " + baseFile);
        }
        long nIn = ((FeedForwardLayer) net.getLayer(layers - 1).conf().getLayer()).getNIn();
        TransferLearning.Builder builder = new TransferLearning.Builder(net).fineTuneConfiguration(fineTune);
        if (spec.freeze() > 0) {
            // DL4J's index is the last frozen layer, inclusive.
            builder.setFeatureExtractor(spec.freeze() - 1);
        }
        return builder.removeOutputLayer()
                .addLayer(outputLayer(out).nIn(nIn).weightInit(WeightInit.XAVIER).build())
                .build();
    }

    /**
     * Restores a zip a user supplied (not one of our checkpoints): its Java-serialized entry is checked with the
     * normaliser-only filter first, as the JVM-wide filter of the training JVM checks it again inside DL4J.
     */
    static Model restoreUsers(Path file, boolean withUpdater, String field) {
        SubmittedFiles.unchanged(file, field);
        ModelZips.refusal(file, field).ifPresent(refusal -> {
            throw new TrainingFailure(refusal);
        });
        return restore(file, withUpdater);
    }

    static Model restore(Path file, boolean withUpdater) {
        try {
            if (Files.size(file) == 0) {
                throw new TrainingFailure("model: " + file + " is empty");
            }
            try {
                return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), withUpdater);
            } catch (RuntimeException | IOException notMultiLayer) {
                return ModelSerializer.restoreComputationGraph(file.toFile(), withUpdater);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof TrainingFailure failure) {
                throw failure;
            }
            // The cause's message may quote the zip's entries: name the file, not its contents.
            throw new TrainingFailure("model: " + file + " is not a DL4J model zip (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }

    static void write(Model net, File file) throws IOException {
        ModelSerializer.writeModel(net, file, true);
    }

    static void fit(Model net, org.nd4j.linalg.dataset.DataSet batch) {
        if (net instanceof MultiLayerNetwork mln) {
            mln.fit(batch);
        } else {
            ((ComputationGraph) net).fit(batch);
        }
    }

    static INDArray output(Model net, INDArray features) {
        if (net instanceof MultiLayerNetwork mln) {
            return mln.output(features, false);
        }
        return ((ComputationGraph) net).outputSingle(false, features);
    }

    static void rnnClear(Model net) {
        if (net instanceof MultiLayerNetwork mln) {
            mln.rnnClearPreviousState();
        } else {
            ((ComputationGraph) net).rnnClearPreviousState();
        }
    }

    static INDArray rnnTimeStep(Model net, INDArray input) {
        if (net instanceof MultiLayerNetwork mln) {
            return mln.rnnTimeStep(input);
        }
        return ((ComputationGraph) net).rnnTimeStep(input)[0];
    }

    static String describe(Model net) {
        return (net instanceof MultiLayerNetwork ? "MultiLayerNetwork" : "ComputationGraph") + ", "
                + net.numParams() + " parameters";
    }

    private static Model declared(ModelSpec.Layers spec, TrainingSettings settings, TrainingData data) {
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(settings.seed()).updater(updater(settings)).weightInit(WeightInit.XAVIER);
        InputType input = data.isSequence() ? InputType.recurrent(data.numInputs())
                : InputType.feedForward(data.numInputs());
        List<LayerSpec> layers = spec.layers();
        LayerSpec last = layers.get(layers.size() - 1);
        if (last.units() == LayerSpec.FROM_DATA) {
            last = new LayerSpec(last.type(), data.numOutputs(), last.activation(), last.dropout(), last.loss());
            layers = new java.util.ArrayList<>(layers.subList(0, layers.size() - 1));
            layers.add(last);
        }
        if (last.units() != data.numOutputs()) {
            throw new TrainingFailure("model.layers[" + (layers.size() - 1) + "].units: " + last.units()
                    + " does not match the data's " + data.numOutputs() + " classes");
        }
        if (data.isSequence() != last.type().equals("rnn-output")) {
            throw new TrainingFailure("model.layers[" + (layers.size() - 1) + "].type: " + last.type()
                    + (data.isSequence() ? " cannot predict sequences; use rnn-output" : " needs sequence data"));
        }
        Model net;
        if (spec.graph()) {
            ComputationGraphConfiguration.GraphBuilder graph = base.graphBuilder().addInputs("in");
            String previous = "in";
            for (int i = 0; i < layers.size(); i++) {
                graph.addLayer("layer" + i, layer(layers.get(i)), previous);
                previous = "layer" + i;
            }
            net = new ComputationGraph(graph.setOutputs(previous).setInputTypes(input).build());
        } else {
            NeuralNetConfiguration.ListBuilder list = base.list();
            for (LayerSpec layer : layers) {
                list.layer(layer(layer));
            }
            net = new MultiLayerNetwork(list.setInputType(input).build());
        }
        net.init();
        return net;
    }

    private static Model fromConfig(Path file) {
        String json;
        try {
            json = Files.readString(SubmittedFiles.unchanged(file, "model.config"));
            CONFIG_SYNTAX.readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the offending text: say where it is, never what it is.
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new TrainingFailure("model.config: " + file + " is not valid JSON" + where);
        } catch (IOException e) {
            throw new TrainingFailure("model.config: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        try {
            Model net = json.contains("\"vertices\"")
                    ? new ComputationGraph(ComputationGraphConfiguration.fromJson(json))
                    : new MultiLayerNetwork(MultiLayerConfiguration.fromJson(json));
            net.init();
            return net;
        } catch (RuntimeException e) {
            throw new TrainingFailure("model.config: " + file + " is JSON but not a DL4J network configuration "
                    + "(write one with MultiLayerConfiguration.toJson())", e);
        }
    }

    private static Layer layer(LayerSpec spec) {
        Activation activation = Activation.valueOf(spec.activation().toUpperCase(Locale.ROOT));
        Layer layer = switch (spec.type()) {
            case "dense" -> new DenseLayer.Builder().nOut(spec.units()).activation(activation).build();
            case "lstm" -> new LSTM.Builder().nOut(spec.units()).activation(activation).build();
            default -> outputLayer(spec).build();
        };
        if (spec.dropout() > 0) {
            // DL4J's dropOut(p) takes the probability of *keeping* an activation.
            layer.setIDropout(new org.deeplearning4j.nn.conf.dropout.Dropout(1.0 - spec.dropout()));
        }
        return layer;
    }

    private static BaseOutputLayer.Builder<?> outputLayer(LayerSpec spec) {
        LossFunction loss = LossFunction.valueOf(spec.loss().toUpperCase(Locale.ROOT));
        Activation activation = Activation.valueOf(spec.activation().toUpperCase(Locale.ROOT));
        BaseOutputLayer.Builder<?> builder = spec.type().equals("rnn-output")
                ? new RnnOutputLayer.Builder(loss) : new OutputLayer.Builder(loss);
        builder.nOut(spec.units()).activation(activation);
        return builder;
    }

    private static IUpdater updater(TrainingSettings settings) {
        double lr = settings.learningRate();
        return switch (settings.updater()) {
            case "sgd" -> new Sgd(lr);
            case "nesterovs" -> new Nesterovs(lr);
            case "rmsprop" -> new RmsProp(lr);
            default -> new Adam(lr);
        };
    }
}
