package io.greenwindow.ledger;

import io.greenwindow.energy.Component;
import io.greenwindow.energy.ComponentEnergy;
import io.greenwindow.energy.EnergyBin;
import io.greenwindow.energy.EnergyMethod;
import io.greenwindow.energy.EnergyReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The energy of an entry, kWh per component and per method, so that a measured figure and an estimated one are
 * never merged into a number that looks measured. {@code itKwh} is before PUE, {@code facilityKwh} after it.
 */
public record EnergyFigures(double itKwh, double facilityKwh, double pue, boolean pueKnown, List<String> nodes,
        List<String> devices, List<ComponentFigure> components, double runSeconds) {

    /** One component's energy obtained by one method, with what the method used (devices or model constants). */
    public record ComponentFigure(Component component, EnergyMethod method, String methodLabel, double itKwh,
            String detail) {
    }

    public EnergyFigures {
        nodes = List.copyOf(nodes);
        devices = List.copyOf(devices);
        components = List.copyOf(components);
    }

    /** Sums the reports of one entry. PUE is the energy-weighted PUE of the reports; unknown if any is unknown. */
    public static EnergyFigures of(List<EnergyReport> reports) {
        double it = 0;
        double facility = 0;
        double seconds = 0;
        boolean pueKnown = true;
        var nodes = new LinkedHashSet<String>();
        var devices = new LinkedHashSet<String>();
        Map<String, double[]> kwh = new LinkedHashMap<>();
        Map<String, ComponentEnergy> firstOfKey = new LinkedHashMap<>();
        Map<String, LinkedHashSet<String>> details = new LinkedHashMap<>();
        for (EnergyReport r : reports) {
            it += r.itKwh();
            facility += r.facilityKwh();
            seconds += java.time.Duration.between(r.start(), r.end()).toMillis() / 1000.0;
            pueKnown &= r.pueKnown();
            nodes.add(r.node());
            devices.addAll(r.devices());
            for (EnergyBin bin : r.bins()) {
                for (ComponentEnergy c : bin.components()) {
                    String key = c.component() + "/" + c.method();
                    kwh.computeIfAbsent(key, k -> new double[1])[0] += c.kwh();
                    firstOfKey.putIfAbsent(key, c);
                    if (!c.detail().isBlank()) {
                        details.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(c.detail());
                    }
                }
            }
        }
        List<ComponentFigure> figures = new ArrayList<>();
        kwh.forEach((key, sum) -> {
            ComponentEnergy c = firstOfKey.get(key);
            String detail = String.join("; ", details.getOrDefault(key, new LinkedHashSet<>()));
            figures.add(new ComponentFigure(c.component(), c.method(), c.method().label(), sum[0], detail));
        });
        figures.sort(java.util.Comparator.comparing(ComponentFigure::component).thenComparing(ComponentFigure::method));
        double pue = it > 0 ? facility / it : (reports.isEmpty() ? 1.0 : reports.get(0).pue());
        return new EnergyFigures(it, facility, pue, pueKnown, List.copyOf(nodes), List.copyOf(devices), figures, seconds);
    }

    /** True when every kWh of the entry was measured by counters; false as soon as any part is a model estimate. */
    public boolean allMeasured() {
        return !components.isEmpty() && components.stream().allMatch(c -> c.method().isMeasured());
    }

    /**
     * "measured (NVML)", "estimated (model)" or e.g. "measured (NVML) + estimated (model)": the methods that
     * obtained some energy, so that a CPU job whose GPU counter read zero is not said to be partly measured.
     */
    public String methodSummary() {
        var labels = new LinkedHashSet<String>();
        boolean anyEnergy = components.stream().anyMatch(c -> c.itKwh() > 0);
        components.stream().filter(c -> !anyEnergy || c.itKwh() > 0).forEach(c -> labels.add(c.methodLabel()));
        return labels.isEmpty() ? "no energy recorded" : String.join(" + ", labels);
    }

    /** IT kWh that were measured (NVML or RAPL) rather than estimated. */
    public double measuredItKwh() {
        return components.stream().filter(c -> c.method().isMeasured()).mapToDouble(ComponentFigure::itKwh).sum();
    }
}
