package io.greenwindow.node;

import io.greenwindow.energy.Nvml;
import io.greenwindow.energy.NvmlGpu;
import io.greenwindow.energy.PowerModel;
import io.greenwindow.energy.Rapl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds what a node has: cores, memory, GPUs through NVML, whether RAPL is readable. Paths and the NVML library
 * are parameters so that tests can point them at a fake sysfs tree and a fake NVML.
 */
public final class NodeDetector {

    private final String nvmlLibrary;
    private final Path powercapRoot;
    private final Path meminfo;

    public NodeDetector(String nvmlLibrary, Path powercapRoot, Path meminfo) {
        this.nvmlLibrary = nvmlLibrary;
        this.powercapRoot = powercapRoot;
        this.meminfo = meminfo;
    }

    public static NodeDetector local() {
        return new NodeDetector(Nvml.configuredLibrary(), Rapl.DEFAULT_ROOT, Path.of("/proc/meminfo"));
    }

    public NodeProfile detect(String name, String zone, Double pueOrNull) {
        List<String> notes = new ArrayList<>();
        List<GpuDevice> gpus = new ArrayList<>();
        Nvml.Access access = Nvml.open(nvmlLibrary);
        if (access instanceof Nvml.Available available) {
            try {
                for (NvmlGpu gpu : available.nvml().gpus()) {
                    GpuDevice device = new GpuDevice(gpu.index(), gpu.uuid(), gpu.name(), gpu.ccMajor(), gpu.ccMinor());
                    gpus.add(device);
                    if (!device.runsNd4jCuda()) {
                        notes.add(device.unsupportedReason());
                    }
                }
            } catch (IllegalStateException e) {
                notes.add("NVML answered but listing GPUs failed: " + e.getMessage());
            }
        } else {
            notes.add("no GPU: " + ((Nvml.Unavailable) access).reason());
        }
        if (Rapl.probe(powercapRoot) instanceof Rapl.Unreadable unreadable) {
            notes.add("CPU energy will be estimated by the model: " + unreadable.reason());
        }
        double pue = pueOrNull == null ? 1.0 : pueOrNull;
        if (pueOrNull == null) {
            notes.add("PUE unknown: 1.0 assumed; set it for this node to count cooling and power losses");
        }
        return new NodeProfile(name, zone, Runtime.getRuntime().availableProcessors(), gpus, pue, pueOrNull != null,
                memoryBytes(), PowerModel.DEFAULT, notes);
    }

    private long memoryBytes() {
        try {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux, or /proc hidden: fall through to the JVM's view.
        }
        return Runtime.getRuntime().maxMemory();
    }
}
