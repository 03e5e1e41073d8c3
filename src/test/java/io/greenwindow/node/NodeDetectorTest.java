package io.greenwindow.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.energy.FakeNvml;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeDetectorTest {

    @TempDir
    Path tmp;

    @Test
    void detect_withFakeNvml_listsGpusAndSaysPlainlyWhichCannotRunNd4j() throws Exception {
        Path meminfo = Files.writeString(tmp.resolve("meminfo"), "MemTotal:       8000000 kB\nMemFree: 1 kB\n");
        NodeDetector detector = new NodeDetector(FakeNvml.compile(tmp).toString(), tmp.resolve("no-powercap"), meminfo);

        NodeProfile node = detector.detect("n1", "DE", 1.3);

        assertThat(node.gpus()).extracting(GpuDevice::arch).containsExactly("sm_90", "sm_37");
        assertThat(node.usableGpus()).extracting(GpuDevice::name).containsExactly("Fake Tesla K80");
        assertThat(node.memoryBytes()).isEqualTo(8_000_000L * 1024);
        assertThat(node.pue()).isEqualTo(1.3);
        assertThat(node.pueKnown()).isTrue();
        assertThat(node.notes()).contains("GPU 0 (Fake H200, sm_90) cannot run nd4j-cuda-11.6 1.0.0-M2.1, which "
                + "carries code for sm_37 to sm_86 only: jobs on this node train on the CPU");
        assertThat(node.notes()).anyMatch(n -> n.startsWith("CPU energy will be estimated by the model: no RAPL"));
        assertThat(node.deviceNames()).contains("GPU 0 Fake H200 GPU-fake-0000-h200 sm_90");
    }

    @Test
    void detectLocal_onThisMachineWithoutGpu_isCpuOnlyWithUnknownPueNoted() {
        NodeProfile node = NodeProfile.detectLocal("local", "DE", null);

        assertThat(node.cpuCores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(node.pue()).isEqualTo(1.0);
        assertThat(node.pueKnown()).isFalse();
        assertThat(node.notes()).anyMatch(n -> n.startsWith("PUE unknown: 1.0 assumed"));
        if (node.gpus().isEmpty()) {
            assertThat(node.notes()).anyMatch(n -> n.startsWith("no GPU: NVML library"));
        }
    }

    @Test
    void nodeProfile_pueBelowOne_isRefusedWithTheValue() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new NodeProfile("n", "DE", 2, java.util.List.of(),
                0.9, true, 0, io.greenwindow.energy.PowerModel.DEFAULT, java.util.List.of()))
                .hasMessage("Node n PUE 0.9 must be >= 1.0");
    }
}
