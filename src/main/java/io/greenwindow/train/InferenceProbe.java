package io.greenwindow.train;

import io.greenwindow.energy.CpuShare;
import io.greenwindow.energy.EnergyMethod;
import io.greenwindow.energy.InferenceProbeResult;
import io.greenwindow.energy.MeterReading;
import io.greenwindow.energy.PowerModel;
import io.greenwindow.energy.Rapl;
import io.greenwindow.energy.RaplDomain;
import io.greenwindow.energy.RaplMeter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures a trained model on its node: time and energy per request at batch 1 and at a larger batch and, for
 * character models, per generated token. Where RAPL is readable, energy is the package+DRAM counters' delta times
 * this process's share of the busy CPU time (MEASURED_RAPL); otherwise this process's CPU time during the probe
 * times the node's per-core power (the JVM runs nothing else meanwhile), labelled as an estimate.
 */
final class InferenceProbe {

    static final int SMALL_BATCH = 1;
    static final int LARGE_BATCH = 32;
    /** Enough repetitions for a stable time on tiny models, few enough to keep the probe under a second or so. */
    static final long BUDGET_NANOS = 300_000_000L;

    private final PowerModel power;
    private final String backend;
    private final Path procRoot;
    private final List<RaplDomain> rapl;
    private boolean allMeasured = true;

    InferenceProbe(PowerModel power, String backend) {
        this(power, backend, Path.of("/proc"), Rapl.DEFAULT_ROOT);
    }

    InferenceProbe(PowerModel power, String backend, Path procRoot, Path powercapRoot) {
        this.power = power;
        this.backend = backend;
        this.procRoot = procRoot;
        this.rapl = Rapl.probe(powercapRoot) instanceof Rapl.Readable readable ? readable.domains() : List.of();
    }

    InferenceProbeResult probe(Model net, TrainingData data) {
        Nd4j.getExecutioner().commit();
        Cost small = perRequest(net, data, SMALL_BATCH);
        Cost large = perRequest(net, data, LARGE_BATCH);
        Cost token = data.isSequence() ? perToken(net, data.numInputs()) : null;
        boolean measured = !rapl.isEmpty() && allMeasured;
        Double joulesPerToken = token == null ? null : joules(token, measured);
        Double secondsPerToken = token == null ? null : token.seconds();
        String detail = (measured ? "RAPL package+DRAM x this process's share of busy CPU time"
                : "process CPU time during the probe x " + power.wattsPerCore() + " W/core (model)"
                + (rapl.isEmpty() ? "" : "; RAPL counters did not advance")) + "; requests of "
                + (data.isSequence() ? "one sequence" : "one example");
        return new InferenceProbeResult(data.isSequence() ? "char-rnn" : "classifier", SMALL_BATCH,
                joules(small, measured), small.seconds(), LARGE_BATCH, joules(large, measured), large.seconds(), joulesPerToken, secondsPerToken,
                measured ? EnergyMethod.MEASURED_RAPL : EnergyMethod.ESTIMATED_MODEL, detail, backend);
    }

    private static double joules(Cost cost, boolean measured) {
        return measured ? cost.raplJoules() : cost.modelJoules();
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
        RaplMeter meter = rapl.isEmpty() ? null
                : new RaplMeter(rapl, new CpuShare(procRoot, ProcessHandle.current().pid()));
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
        double modelJoules = cpuSeconds * power.wattsPerCore() / requests;
        if (meter == null) {
            return new Cost(modelJoules, 0, seconds / requests);
        }
        double raplJoules = meter.read(Instant.EPOCH).stream().mapToDouble(MeterReading::joules).sum() / requests;
        // Counters that did not move cannot be a measurement: never report a silent 0.
        allMeasured &= raplJoules > 0;
        return new Cost(modelJoules, raplJoules, seconds / requests);
    }

    static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    /** Joules by the model and by RAPL (0 without it); the result uses one source for all figures. */
    private record Cost(double modelJoules, double raplJoules, double seconds) {
    }
}
