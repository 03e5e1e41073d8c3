package io.greenwindow.ledger;

import io.greenwindow.energy.Component;
import io.greenwindow.energy.ComponentEnergy;
import io.greenwindow.energy.EnergyBin;
import io.greenwindow.energy.EnergyMethod;
import io.greenwindow.energy.EnergyReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds energy reports for tests: bins of GPU energy measured by NVML and CPU energy estimated by a model. */
public final class Energy {

    private final List<EnergyBin> bins = new ArrayList<>();
    private double pue = 1.0;
    private boolean pueKnown = true;
    private Instant runStart;
    private Instant runEnd;
    private String incomplete;

    public static Energy report() {
        return new Energy();
    }

    public Energy bin(Instant start, Instant end, double gpuKwh, double cpuKwh) {
        bins.add(new EnergyBin(start, end, List.of(
                new ComponentEnergy(Component.GPU, gpuKwh, EnergyMethod.MEASURED_NVML, "GPU-0"),
                new ComponentEnergy(Component.CPU, cpuKwh, EnergyMethod.ESTIMATED_MODEL, "2 cores x 10 W/core"))));
        return this;
    }

    /** The run's own start and end, when its bins (aligned to intervals) reach beyond them. */
    public Energy ran(Instant start, Instant end) {
        this.runStart = start;
        this.runEnd = end;
        return this;
    }

    /** Energy measured only up to a last sample (a crash cut the segment): {@code why} says what is missing. */
    public Energy cutShort(String why) {
        this.incomplete = why;
        return this;
    }

    public Energy pue(double pue) {
        this.pue = pue;
        return this;
    }

    public Energy pueUnknown() {
        this.pue = 1.0;
        this.pueKnown = false;
        return this;
    }

    public EnergyReport build() {
        return new EnergyReport(runStart != null ? runStart : bins.get(0).start(),
                runEnd != null ? runEnd : bins.get(bins.size() - 1).end(), "node-a", List.of("GPU-0"),
                pue, pueKnown, bins, incomplete);
    }
}
