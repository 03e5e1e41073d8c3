package io.greenwindow.train;

import io.greenwindow.energy.EnergyMethod;
import io.greenwindow.energy.InferenceProbeResult;
import io.greenwindow.energy.PowerModel;
import java.lang.management.ManagementFactory;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures a trained model on its node: time and energy per request at batch 1 and at a larger batch and, for
 * character models, per generated token. Energy is this process's CPU time during the probe times the node's
 * per-core power (the process is alone in its JVM, so its CPU time is the probe's), labelled as an estimate.
 */
final class InferenceProbe {

    static final int SMALL_BATCH = 1;
    static final int LARGE_BATCH = 32;
    /** Enough repetitions for a stable time on tiny models, few enough to keep the probe under a second or so. */
    static final long BUDGET_NANOS = 300_000_000L;

    private final PowerModel power;
    private final String backend;

    InferenceProbe(PowerModel power, String backend) {
        this.power = power;
        this.backend = backend;
    }

    InferenceProbeResult probe(Model net, TrainingData data) {
        Nd4j.getExecutioner().commit();
        Cost small = perRequest(net, data, SMALL_BATCH);
        Cost large = perRequest(net, data, LARGE_BATCH);
        Double joulesPerToken = null;
        Double secondsPerToken = null;
        if (data.isSequence()) {
            Cost token = perToken(net, data.numInputs());
            joulesPerToken = token.joules;
            secondsPerToken = token.seconds;
        }
        String detail = "process CPU time during the probe x " + power.wattsPerCore() + " W/core (model); "
                + "requests of " + (data.isSequence() ? "one sequence" : "one example");
        return new InferenceProbeResult(data.isSequence() ? "char-rnn" : "classifier", SMALL_BATCH, small.joules,
                small.seconds, LARGE_BATCH, large.joules, large.seconds, joulesPerToken, secondsPerToken,
                EnergyMethod.ESTIMATED_MODEL, detail, backend);
    }

    private Cost perRequest(Model net, TrainingData data, int batch) {
        INDArray input = data.sampleFeatures(batch);
        Networks.output(net, input); // warm up: first calls allocate workspaces
        return measure(() -> Networks.output(net, input), batch);
    }

    private Cost perToken(Model net, int alphabet) {
        INDArray step = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, alphabet, 1);
        step.putScalar(new int[] {0, 0, 0}, 1.0);
        Networks.rnnClear(net);
        Networks.rnnTimeStep(net, step);
        Cost cost = measure(() -> Networks.rnnTimeStep(net, step), 1);
        Networks.rnnClear(net);
        return cost;
    }

    private Cost measure(Runnable request, int perCall) {
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        long calls = 0;
        while (System.nanoTime() - start < BUDGET_NANOS || calls < 3) {
            request.run();
            calls++;
        }
        Nd4j.getExecutioner().commit();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
        double requests = (double) calls * perCall;
        return new Cost(cpuSeconds * power.wattsPerCore() / requests, seconds / requests);
    }

    static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    private record Cost(double joules, double seconds) {
    }
}
