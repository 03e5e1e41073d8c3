package io.greenwindow.energy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JNA binding against a fake libnvidia-ml compiled from C by the test. */
class NvmlMeterTest {

    @TempDir
    Path tmp;

    @Test
    void open_fakeLibrary_listsGpusWithUuidArchitectureAndCounterSupport() throws Exception {
        Nvml.Access access = Nvml.open(FakeNvml.compile(tmp).toString());

        assertThat(access).isInstanceOf(Nvml.Available.class);
        List<NvmlGpu> gpus = ((Nvml.Available) access).nvml().gpus();
        assertThat(gpus).containsExactly(
                new NvmlGpu(0, "GPU-fake-0000-h200", "Fake H200", 9, 0, true, true),
                new NvmlGpu(1, "GPU-fake-0001-k80", "Fake Tesla K80", 3, 7, false, true));
    }

    @Test
    void read_gpuWithCounter_measuresCounterDeltaInJoules() throws Exception {
        Nvml nvml = ((Nvml.Available) Nvml.open(FakeNvml.compile(tmp).toString())).nvml();
        try (NvmlMeter meter = new NvmlMeter(nvml, List.of(nvml.gpus().get(0)))) {
            // The fake counter advances 1 J on every read: the meter's own baseline read was one.
            List<MeterReading> first = meter.read(Instant.EPOCH);
            List<MeterReading> second = meter.read(Instant.EPOCH);

            assertThat(first).singleElement().satisfies(r -> {
                assertThat(r.component()).isEqualTo(Component.GPU);
                assertThat(r.method()).isEqualTo(EnergyMethod.MEASURED_NVML);
                assertThat(r.detail()).isEqualTo("GPU 0 GPU-fake-0000-h200 total energy counter");
                assertThat(r.joules()).isEqualTo(1.0);
            });
            assertThat(second.get(0).joules()).isEqualTo(2.0);
        }
    }

    @Test
    void read_gpuWithoutCounter_integratesPowerReadings() throws Exception {
        Nvml nvml = ((Nvml.Available) Nvml.open(FakeNvml.compile(tmp).toString())).nvml();
        NvmlGpu k80 = nvml.gpus().get(1);
        long start = System.nanoTime();
        try (NvmlMeter meter = new NvmlMeter(nvml, List.of(k80))) {
            Thread.sleep(400);
            MeterReading reading = meter.read(Instant.EPOCH).get(0);
            double elapsed = (System.nanoTime() - start) / 1e9;

            assertThat(reading.detail()).isEqualTo("GPU 1 GPU-fake-0001-k80 power integrated at 10 Hz");
            // 70 W over the polled time: never more than 70 W x the time that passed, and never a silent 0.
            assertThat(reading.joules()).isPositive().isLessThanOrEqualTo(70 * elapsed);
        }
    }

    @Test
    void read_gpuWithOnlyUtilisation_estimatesFromBoardPowerAndSaysSo() throws Exception {
        Nvml nvml = ((Nvml.Available) Nvml.open(FakeNvml.compileWithUtilisationOnlyGpu(tmp).toString())).nvml();
        NvmlGpu t4 = nvml.gpus().get(2);
        assertThat(t4).isEqualTo(new NvmlGpu(2, "GPU-fake-0002-t4", "Fake T4", 7, 5, false, false));
        long start = System.nanoTime();
        try (NvmlMeter meter = new NvmlMeter(nvml, List.of(t4))) {
            Thread.sleep(300);
            MeterReading reading = meter.read(Instant.EPOCH).get(0);
            double elapsed = (System.nanoTime() - start) / 1e9;

            assertThat(reading.method()).isEqualTo(EnergyMethod.ESTIMATED_MODEL);
            assertThat(reading.detail()).isEqualTo("GPU 2 GPU-fake-0002-t4 utilisation x 250.0 W board power (model)");
            // 40% of 250 W = 100 W over at most the time that passed.
            assertThat(reading.joules()).isPositive().isLessThanOrEqualTo(100 * elapsed);
        }
    }

    @Test
    void open_missingLibrary_isUnavailableWithReason() {
        Nvml.Access access = Nvml.open(tmp.resolve("libnvidia-ml.so.1").toString());

        assertThat(access).isInstanceOfSatisfying(Nvml.Unavailable.class,
                u -> assertThat(u.reason()).contains("cannot be loaded", "libnvidia-ml.so.1"));
    }
}
