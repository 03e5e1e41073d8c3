package io.greenwindow.energy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Measures the job's GPUs through NVML: the total-energy counter where the GPU has one (Volta and newer), else
 * the power reading integrated at {@value #POLL_HZ} Hz; where only utilisation is known, utilisation x board power
 * (the enforced power limit, else the model's constant), labelled as an estimate. A GPU that cannot be read is an
 * error, never a silent 0.
 */
public final class NvmlMeter implements EnergyMeter, AutoCloseable {

    static final int POLL_HZ = 10;

    private final Nvml nvml;
    private final List<NvmlGpu> gpus;
    private final long[] baselineMj;
    private final double[] integratedJoules;
    private final long[] lastPollNanos;
    private final ScheduledExecutorService poller;

    private final double[] boardWatts;

    public NvmlMeter(Nvml nvml, List<NvmlGpu> gpus) {
        this(nvml, gpus, PowerModel.DEFAULT);
    }

    public NvmlMeter(Nvml nvml, List<NvmlGpu> gpus, PowerModel model) {
        this.nvml = nvml;
        this.boardWatts = new double[gpus.size()];
        this.gpus = List.copyOf(gpus);
        this.baselineMj = new long[gpus.size()];
        this.integratedJoules = new double[gpus.size()];
        this.lastPollNanos = new long[gpus.size()];
        boolean anyPolled = false;
        for (int i = 0; i < this.gpus.size(); i++) {
            NvmlGpu gpu = this.gpus.get(i);
            baselineMj[i] = gpu.energyCounter() ? nvml.totalEnergyMillijoules(gpu.index()) : -1;
            anyPolled |= !gpu.energyCounter();
            lastPollNanos[i] = System.nanoTime();
            if (!gpu.energyCounter() && !gpu.powerReading()) {
                int limit = nvml.powerLimitMilliwatts(gpu.index());
                boardWatts[i] = limit > 0 ? limit / 1000.0 : model.gpuBoardWatts();
                if (!(boardWatts[i] > 0)) {
                    throw new IllegalStateException("GPU " + gpu.index() + " " + gpu.uuid() + " reports neither "
                            + "energy, power nor a power limit; configure the node's GPU board power");
                }
            }
        }
        if (anyPolled) {
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "nvml-power-poll");
                t.setDaemon(true);
                return t;
            });
            poller.scheduleAtFixedRate(this::poll, 0, 1000 / POLL_HZ, TimeUnit.MILLISECONDS);
        } else {
            poller = null;
        }
    }

    @Override
    public synchronized List<MeterReading> read(Instant at) {
        List<MeterReading> readings = new ArrayList<>();
        for (int i = 0; i < gpus.size(); i++) {
            NvmlGpu gpu = gpus.get(i);
            if (gpu.energyCounter()) {
                // The counter is 64-bit millijoules since driver load: it does not wrap in practice.
                double joules = (nvml.totalEnergyMillijoules(gpu.index()) - baselineMj[i]) / 1000.0;
                readings.add(new MeterReading(Component.GPU, Math.max(0, joules), EnergyMethod.MEASURED_NVML,
                        "GPU " + gpu.index() + " " + gpu.uuid() + " total energy counter"));
            } else if (gpu.powerReading()) {
                readings.add(new MeterReading(Component.GPU, integratedJoules[i], EnergyMethod.MEASURED_NVML,
                        "GPU " + gpu.index() + " " + gpu.uuid() + " power integrated at " + POLL_HZ + " Hz"));
            } else {
                readings.add(new MeterReading(Component.GPU, integratedJoules[i], EnergyMethod.ESTIMATED_MODEL,
                        "GPU " + gpu.index() + " " + gpu.uuid() + " utilisation x " + boardWatts[i]
                                + " W board power (model)"));
            }
        }
        return readings;
    }

    private synchronized void poll() {
        long now = System.nanoTime();
        for (int i = 0; i < gpus.size(); i++) {
            if (!gpus.get(i).energyCounter()) {
                NvmlGpu gpu = gpus.get(i);
                double watts = gpu.powerReading() ? nvml.powerMilliwatts(gpu.index()) / 1000.0
                        : nvml.utilizationPercent(gpu.index()) / 100.0 * boardWatts[i];
                integratedJoules[i] += watts * (now - lastPollNanos[i]) / 1e9;
                lastPollNanos[i] = now;
            }
        }
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
