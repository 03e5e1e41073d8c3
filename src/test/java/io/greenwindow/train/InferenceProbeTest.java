package io.greenwindow.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.energy.EnergyMethod;
import io.greenwindow.energy.FakePowercap;
import io.greenwindow.energy.InferenceProbeResult;
import io.greenwindow.energy.PowerModel;
import io.greenwindow.job.spec.JobDocument;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.deeplearning4j.nn.api.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferenceProbeTest {

    @TempDir
    Path tmp;

    private TrainingData data;

    private Model irisNet() {
        JobDocument spec = TrainingTestSpecs.document(TrainingTestSpecs.irisWithDropout(tmp, "p", 1, false, "PT30S"));
        data = TrainingData.load(spec.data());
        return Networks.create(spec.model(), spec.training(), data);
    }

    @Test
    void probe_withAdvancingRaplCounters_isMeasuredByRapl() throws Exception {
        Model net = irisNet();
        Path powercap = FakePowercap.copy(tmp);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread counter = new Thread(() -> {
            long uj = 1_000_000;
            while (running.get()) {
                try {
                    FakePowercap.set(powercap, "intel-rapl:2", uj += 1_000_000); // 1 J per ms: a 1 kW package
                    Thread.sleep(1);
                } catch (Exception e) {
                    return;
                }
            }
        });
        counter.start();
        InferenceProbeResult result;
        try {
            result = new InferenceProbe(PowerModel.DEFAULT, "CPU", Path.of("/proc"), powercap).probe(net, data);
        } finally {
            running.set(false);
            counter.join();
        }

        assertThat(result.method()).isEqualTo(EnergyMethod.MEASURED_RAPL);
        assertThat(result.detail()).startsWith("RAPL package+DRAM x this process's share of busy CPU time");
        assertThat(result.joulesPerRequestSmall()).isPositive();
        assertThat(result.joulesPerRequestLarge()).isPositive();
        assertThat(result.joulesPerToken()).isNull();
    }

    @Test
    void probe_withRaplCountersStandingStill_fallsBackToTheModelAndSaysWhy() throws Exception {
        Model net = irisNet();

        InferenceProbeResult result = new InferenceProbe(PowerModel.DEFAULT, "CPU", Path.of("/proc"),
                FakePowercap.copy(tmp)).probe(net, data);

        assertThat(result.method()).isEqualTo(EnergyMethod.ESTIMATED_MODEL);
        assertThat(result.detail()).contains("12.0 W/core (model)", "RAPL counters did not advance");
        assertThat(result.joulesPerRequestSmall()).isPositive();
        assertThat(result.secondsPerRequestSmall()).isGreaterThan(result.secondsPerRequestLarge());
    }
}
