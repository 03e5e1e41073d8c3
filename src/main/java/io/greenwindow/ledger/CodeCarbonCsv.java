package io.greenwindow.ledger;

import io.greenwindow.energy.Component;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ledger as CodeCarbon 3.3's {@code emissions.csv}, one row per job (so that a dashboard summing rows counts
 * each job once). {@link #codecarbon} writes CodeCarbon's columns only, in its order, so that CodeCarbon's own
 * file output appends to the file (it compares the sorted column sets) and its dashboard renders every part;
 * {@link #extended} adds greenwindow's columns after them.
 */
public final class CodeCarbonCsv {

    /**
     * The fields of CodeCarbon's {@code EmissionsData} dataclass in declaration order, which is the order of its
     * emissions.csv header (mlco2/codecarbon, codecarbon/output_methods/emissions_data.py at the 3.3.0 release,
     * commit 73dfc354, "Merge pull request #1291 from mlco2/release/3.3.0"; unchanged to 3.3.x). Units are
     * CodeCarbon's: emissions in kgCO2e, emissions_rate in kg/s, power in W, energy in kWh with PUE applied to
     * each component, duration in seconds.
     */
    public static final List<String> COLUMNS = List.of("timestamp", "project_name", "run_id", "experiment_id",
            "duration", "emissions", "emissions_rate", "cpu_power", "gpu_power", "ram_power", "cpu_energy",
            "gpu_energy", "ram_energy", "energy_consumed", "water_consumed", "country_name", "country_iso_code",
            "region", "cloud_provider", "cloud_region", "os", "python_version", "codecarbon_version", "cpu_count",
            "cpu_model", "gpu_count", "gpu_model", "longitude", "latitude", "ram_total_size", "tracking_mode",
            "cpu_utilization_percent", "gpu_utilization_percent", "ram_utilization_percent", "ram_used_gb",
            "on_cloud", "pue", "wue");

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    /** A GPU as the energy meters name it: "GPU 0 NVIDIA H200 GPU-5f2c...". */
    private static final Pattern GPU = Pattern.compile("GPU \\d+ (.+) (\\S+)");
    /** The CPU share as the meters name it: "CPU x2". */
    private static final Pattern CPU = Pattern.compile("CPU x(\\d+)");

    private CodeCarbonCsv() {
    }

    /**
     * CodeCarbon's columns and nothing else, one row per job whose carbon is known: CodeCarbon has no row without
     * emissions, so a job waiting for history appears once it is complete (the extended export shows it now).
     */
    public static String codecarbon(List<LedgerEntry> entries) {
        StringBuilder out = new StringBuilder();
        LedgerCsv.line(out, COLUMNS);
        for (LedgerEntry e : EffectiveEntries.of(entries)) {
            if (e.content().status() == EntryStatus.COMPLETE) {
                LedgerCsv.line(out, new ArrayList<>(values(e).values()));
            }
        }
        return out.toString();
    }

    /** CodeCarbon's columns, then greenwindow's (less {@code pue}, which CodeCarbon has), one row per job. */
    public static String extended(List<LedgerEntry> entries) {
        List<LedgerCsv.Column> extra = LedgerCsv.OURS.stream().filter(c -> !COLUMNS.contains(c.name())).toList();
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(COLUMNS);
        extra.forEach(c -> header.add(c.name()));
        LedgerCsv.line(out, header);
        for (LedgerEntry e : EffectiveEntries.of(entries)) {
            List<Object> row = new ArrayList<>(values(e).values());
            extra.forEach(c -> row.add(c.value().apply(e)));
            LedgerCsv.line(out, row);
        }
        return out.toString();
    }

    /** One job's values by CodeCarbon column; what greenwindow does not observe is empty, never invented. */
    static Map<String, Object> values(LedgerEntry e) {
        EntryContent c = e.content();
        EnergyFigures energy = c.energy();
        double seconds = Math.max(Duration.between(c.start(), c.end()).toMillis() / 1000.0, energy.runSeconds());
        Double kg = c.carbon() == null || c.carbon().inventoryG() == null ? null : c.carbon().inventoryG() / 1000;
        ZoneCountry country = ZoneCountry.of(c.zone());
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("timestamp", TIME.format(c.end()));
        v.put("project_name", c.team());
        v.put("run_id", c.segmentIndex() == null ? c.jobId() : c.jobId() + "/segment-" + c.segmentIndex());
        v.put("experiment_id", c.jobName());
        v.put("duration", seconds);
        v.put("emissions", kg);
        v.put("emissions_rate", kg == null || seconds <= 0 ? null : kg / seconds);
        double cpu = LedgerCsv.componentKwh(e, Component.CPU);
        double gpu = LedgerCsv.componentKwh(e, Component.GPU);
        double ram = LedgerCsv.componentKwh(e, Component.RAM);
        v.put("cpu_power", watts(cpu, seconds));
        v.put("gpu_power", watts(gpu, seconds));
        v.put("ram_power", watts(ram, seconds));
        v.put("cpu_energy", cpu * energy.pue());
        v.put("gpu_energy", gpu * energy.pue());
        v.put("ram_energy", ram * energy.pue());
        v.put("energy_consumed", energy.facilityKwh());
        v.put("water_consumed", null); // not accounted
        v.put("country_name", country.name());
        v.put("country_iso_code", country.isoCode());
        v.put("region", country.region());
        v.put("cloud_provider", "");
        v.put("cloud_region", "");
        v.put("os", null);
        v.put("python_version", null);
        v.put("codecarbon_version", null); // written by greenwindow, not by CodeCarbon
        v.put("cpu_count", cpuCount(energy.devices()));
        v.put("cpu_model", null);
        List<String> gpus = gpuNames(energy.devices());
        v.put("gpu_count", gpus.size());
        v.put("gpu_model", gpuModel(gpus));
        v.put("longitude", null);
        v.put("latitude", null);
        v.put("ram_total_size", null);
        v.put("tracking_mode", "process"); // the job's own process, as CodeCarbon's process mode
        v.put("cpu_utilization_percent", null); // not observed
        v.put("gpu_utilization_percent", null);
        v.put("ram_utilization_percent", null);
        v.put("ram_used_gb", null);
        v.put("on_cloud", "N"); // greenwindow nodes are the organisation's own machines
        v.put("pue", energy.pue());
        v.put("wue", null);
        return v;
    }

    /** The GPUs among the devices, by model name; the CPU share ("CPU x2") is not a GPU. */
    static List<String> gpuNames(List<String> devices) {
        List<String> names = new ArrayList<>();
        for (String d : devices) {
            Matcher m = GPU.matcher(d);
            if (m.matches()) {
                names.add(m.group(1));
            } else if (d.startsWith("GPU")) {
                names.add(d);
            }
        }
        return names;
    }

    /** CodeCarbon's form: "2 x NVIDIA H200" per model, joined as CodeCarbon joins them; empty without a GPU. */
    private static String gpuModel(List<String> names) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        names.forEach(n -> counts.merge(n, 1, Integer::sum));
        StringBuilder model = new StringBuilder();
        counts.forEach((name, n) -> model.append(n).append(" x ").append(name));
        return model.toString();
    }

    private static Integer cpuCount(List<String> devices) {
        for (String d : devices) {
            Matcher m = CPU.matcher(d);
            if (m.matches()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return null;
    }

    private static Double watts(double kwh, double seconds) {
        return seconds > 0 ? kwh * 3.6e6 / seconds : null;
    }
}
