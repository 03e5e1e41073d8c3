package io.greenwindow.train;

import io.greenwindow.energy.Component;
import io.greenwindow.energy.CpuShare;
import io.greenwindow.energy.EnergyMeter;
import io.greenwindow.energy.MeterReading;
import io.greenwindow.energy.Nvml;
import io.greenwindow.energy.NvmlGpu;
import io.greenwindow.energy.NvmlMeter;
import io.greenwindow.energy.ProcessCpuMeter;
import io.greenwindow.energy.Rapl;
import io.greenwindow.energy.RaplMeter;
import io.greenwindow.node.NodeProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The meters of one job: NVML for its visible GPUs when the driver answers, RAPL for CPU and DRAM when readable,
 * and the CPU-time model for whatever the counters do not cover. Each component is counted by one source only.
 */
final class JobMeters implements EnergyMeter, AutoCloseable {

    private final ProcessCpuMeter model;
    private final boolean modelCpu;
    private final boolean modelRam;
    private final RaplMeter rapl;
    private final NvmlMeter nvml;
    private final List<String> devices = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    JobMeters(long pid, NodeProfile node, String visibleGpus, MeterSettings settings, Instant start) {
        this.model = new ProcessCpuMeter(settings.procRoot(), pid, node.powerModel(), start);
        devices.add("CPU x" + node.cpuCores());
        RaplMeter raplMeter = null;
        boolean raplRam = false;
        Rapl.Access rapl = Rapl.probe(settings.powercapRoot());
        if (rapl instanceof Rapl.Readable readable) {
            raplMeter = new RaplMeter(readable.domains(), new CpuShare(settings.procRoot(), pid));
            raplRam = readable.domains().stream().anyMatch(d -> d.component() == Component.RAM);
        } else {
            notes.add("CPU and memory energy estimated by the model, because " + ((Rapl.Unreadable) rapl).reason());
        }
        this.rapl = raplMeter;
        this.modelCpu = raplMeter == null;
        this.modelRam = !raplRam;
        this.nvml = visibleGpus.isEmpty() ? null : nvmlMeter(visibleGpus, settings.nvmlLibrary(), node);
    }

    private NvmlMeter nvmlMeter(String visibleGpus, String library, NodeProfile node) {
        Nvml.Access access = Nvml.open(library);
        if (!(access instanceof Nvml.Available available)) {
            notes.add("GPU energy not measured: " + ((Nvml.Unavailable) access).reason());
            return null;
        }
        Set<String> wanted = Arrays.stream(visibleGpus.split(",")).map(String::trim).collect(Collectors.toSet());
        // CUDA_VISIBLE_DEVICES lists indexes or UUIDs; measure exactly those GPUs.
        List<NvmlGpu> gpus = available.nvml().gpus().stream()
                .filter(g -> wanted.contains(Integer.toString(g.index())) || wanted.contains(g.uuid()))
                .toList();
        gpus.forEach(g -> devices.add("GPU " + g.index() + " " + g.name() + " " + g.uuid()));
        if (gpus.isEmpty()) {
            notes.add("GPU energy not measured: NVML lists none of CUDA_VISIBLE_DEVICES=" + visibleGpus);
            return null;
        }
        try {
            return new NvmlMeter(available.nvml(), gpus, node.powerModel());
        } catch (IllegalStateException e) {
            notes.add("GPU energy not measured: " + e.getMessage());
            return null;
        }
    }

    List<String> devices() {
        return List.copyOf(devices);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    @Override
    public List<MeterReading> read(Instant at) {
        return combine(model.read(at), at);
    }

    /** The last readings, closing the CPU-time account with what the child reported as it exited. */
    List<MeterReading> readFinal(Instant at, double reportedCpuSeconds) {
        return combine(model.readFinal(at, reportedCpuSeconds), at);
    }

    private List<MeterReading> combine(List<MeterReading> modelReadings, Instant at) {
        List<MeterReading> readings = new ArrayList<>();
        for (MeterReading r : modelReadings) {
            if (r.component() == Component.CPU && modelCpu || r.component() == Component.RAM && modelRam) {
                readings.add(r);
            }
        }
        if (rapl != null) {
            readings.addAll(rapl.read(at));
        }
        if (nvml != null) {
            readings.addAll(nvml.read(at));
        }
        return readings;
    }

    @Override
    public void close() {
        if (nvml != null) {
            nvml.close();
        }
    }
}
