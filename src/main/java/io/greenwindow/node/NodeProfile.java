package io.greenwindow.node;

import io.greenwindow.energy.PowerModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A machine that runs jobs: its zone, CPU cores, GPUs, PUE (explicit; unknown means 1.0 and {@code pueKnown}
 * false), the constants of its energy model, and notes a user should see (a GPU ND4J cannot use, no RAPL).
 */
public record NodeProfile(String name, String zone, int cpuCores, List<GpuDevice> gpus, double pue,
        boolean pueKnown, long memoryBytes, PowerModel powerModel, List<String> notes) {

    public NodeProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(powerModel, "powerModel");
        gpus = List.copyOf(gpus);
        notes = List.copyOf(notes);
        if (cpuCores < 1) {
            throw new IllegalArgumentException("Node " + name + " cpuCores " + cpuCores + " must be >= 1");
        }
        if (!(pue >= 1.0) || !Double.isFinite(pue)) {
            throw new IllegalArgumentException("Node " + name + " PUE " + pue + " must be >= 1.0");
        }
        if (memoryBytes < 0) {
            throw new IllegalArgumentException("Node " + name + " memoryBytes " + memoryBytes + " must be >= 0");
        }
    }

    /** Detects this machine's cores, memory and GPUs (through NVML when the driver is there). */
    public static NodeProfile detectLocal(String name, String zone, Double pueOrNull) {
        return NodeDetector.local().detect(name, zone, pueOrNull);
    }

    /** The GPUs ND4J's CUDA backend can really use here. */
    public List<GpuDevice> usableGpus() {
        return gpus.stream().filter(GpuDevice::runsNd4jCuda).toList();
    }

    /** Devices as reports name them: "CPU x4" then each GPU with its UUID and architecture. */
    public List<String> deviceNames() {
        List<String> names = new ArrayList<>();
        names.add("CPU x" + cpuCores);
        for (GpuDevice gpu : gpus) {
            names.add("GPU " + gpu.index() + " " + gpu.name() + " " + gpu.uuid() + " " + gpu.arch());
        }
        return names;
    }

    public NodeProfile withPowerModel(PowerModel model) {
        return new NodeProfile(name, zone, cpuCores, gpus, pue, pueKnown, memoryBytes, model, notes);
    }
}
