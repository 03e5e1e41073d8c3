package io.greenwindow.energy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Node-wide CPU package and DRAM energy from RAPL counters, handling wrap-around through
 * {@code max_energy_range_uj}, attributed to one job by its share of the node's busy CPU time (RAPL cannot see
 * processes). Readings are MEASURED_RAPL; the detail states the attribution.
 */
public final class RaplMeter implements EnergyMeter {

    private final List<RaplDomain> domains;
    private final long[] last;
    private final double[] jobJoules;
    private final DoubleSupplier jobShare;

    /**
     * @param jobShare the job's share (0..1) of the node's busy CPU time since the previous call; {@code () -> 1}
     *                 when the job has the node to itself
     */
    public RaplMeter(List<RaplDomain> domains, DoubleSupplier jobShare) {
        this.domains = List.copyOf(domains);
        this.last = new long[domains.size()];
        this.jobJoules = new double[domains.size()];
        this.jobShare = jobShare;
        for (int i = 0; i < domains.size(); i++) {
            last[i] = Rapl.readMicrojoules(domains.get(i));
        }
    }

    @Override
    public synchronized List<MeterReading> read(Instant at) {
        double share = Math.max(0, Math.min(1, jobShare.getAsDouble()));
        double cpu = 0;
        double ram = 0;
        List<String> cpuNames = new ArrayList<>();
        List<String> ramNames = new ArrayList<>();
        for (int i = 0; i < domains.size(); i++) {
            RaplDomain d = domains.get(i);
            long now = Rapl.readMicrojoules(d);
            long delta = now >= last[i] ? now - last[i] : now + d.maxEnergyRangeUj() - last[i];
            last[i] = now;
            jobJoules[i] += delta / 1e6 * share;
            if (d.component() == Component.CPU) {
                cpu += jobJoules[i];
                cpuNames.add(d.name());
            } else {
                ram += jobJoules[i];
                ramNames.add(d.name());
            }
        }
        List<MeterReading> readings = new ArrayList<>();
        readings.add(new MeterReading(Component.CPU, cpu, EnergyMethod.MEASURED_RAPL,
                "RAPL " + String.join("+", cpuNames) + ", job's share of busy CPU time"));
        if (!ramNames.isEmpty()) {
            readings.add(new MeterReading(Component.RAM, ram, EnergyMethod.MEASURED_RAPL,
                    "RAPL " + String.join("+", ramNames) + ", job's share of busy CPU time"));
        }
        return readings;
    }
}
