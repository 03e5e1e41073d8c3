package io.greenwindow.ledger;

import static io.greenwindow.ledger.LedgerAccountingTest.T0;
import static io.greenwindow.ledger.LedgerAccountingTest.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.energy.Component;
import io.greenwindow.energy.ComponentEnergy;
import io.greenwindow.energy.EnergyBin;
import io.greenwindow.energy.EnergyMethod;
import io.greenwindow.energy.EnergyReport;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The export read back the way CodeCarbon 3.3 reads an emissions.csv: its file output's header check before it
 * appends (codecarbon/output_methods/file.py, {@code has_valid_headers}: the sorted header equals the sorted
 * {@code EmissionsData} fields) and its dashboard's loading (codecarbon/viz/carbonboard.py and data.py: the last
 * run of a project by timestamp, sums of {@code emissions} and {@code energy_consumed}, {@code .upper()} on
 * {@code country_iso_code}, {@code on_cloud == "Y"} / {@code "N"}). Re-implemented here from reading that source
 * (release 3.3.0, commit 73dfc354); no CodeCarbon code runs.
 */
class CodeCarbonExportTest {

    /** EmissionsData's fields in declaration order, copied by hand from emissions_data.py at 3.3.0. */
    static final List<String> EMISSIONS_DATA_FIELDS = List.of("timestamp", "project_name", "run_id",
            "experiment_id", "duration", "emissions", "emissions_rate", "cpu_power", "gpu_power", "ram_power",
            "cpu_energy", "gpu_energy", "ram_energy", "energy_consumed", "water_consumed", "country_name",
            "country_iso_code", "region", "cloud_provider", "cloud_region", "os", "python_version",
            "codecarbon_version", "cpu_count", "cpu_model", "gpu_count", "gpu_model", "longitude", "latitude",
            "ram_total_size", "tracking_mode", "cpu_utilization_percent", "gpu_utilization_percent",
            "ram_utilization_percent", "ram_used_gb", "on_cloud", "pue", "wue");

    private final Database db = TestDatabases.h2();
    private Ledger ledger;

    @BeforeEach
    void fourZones() {
        HandMadeSignals signals = new HandMadeSignals().hourly("DE", T0, 400, 100, 300, 200)
                .hourly("GB", T0, 200, 200, 200, 200).hourly("US-CAL-CISO", T0, 250, 250, 250, 250)
                .hourly("US-MIDA-PJM", T0, 500, 500, 500, 500);
        ledger = new Ledger(db, signals, Clock.fixed(SampleLedger.NOW, ZoneOffset.UTC), LedgerSettings.DEFAULT);
        // DE: the accounting test's GPU job, 216 g. GB: a CPU-only node, 1 kWh CPU at 200 g = 200 g.
        ledger.recordJob(LedgerAccountingTest.job(List.of(LedgerAccountingTest.ranOneThirtyToTwoThirty()), null, null));
        job("job-gb", "GB", List.of("CPU x2"), Component.CPU, EnergyMethod.ESTIMATED_MODEL);
        job("job-ca", "US-CAL-CISO", List.of("CPU x2", "GPU 0 NVIDIA H200 GPU-5f2c", "GPU 1 NVIDIA H200 GPU-77aa"),
                Component.GPU, EnergyMethod.MEASURED_NVML);
        job("job-pjm", "US-MIDA-PJM", List.of("CPU x4"), Component.CPU, EnergyMethod.ESTIMATED_MODEL);
        // A job whose zone has no history yet: it waits, and CodeCarbon has no row without emissions.
        job("job-waiting", "FR", List.of("CPU x2"), Component.CPU, EnergyMethod.ESTIMATED_MODEL);
    }

    private void job(String id, String zone, List<String> devices, Component component, EnergyMethod method) {
        EnergyReport run = new EnergyReport(at("01:00"), at("02:00"), "node-" + id, devices, 1.0, true,
                List.of(new EnergyBin(at("01:00"), at("02:00"), List.of(new ComponentEnergy(component, 1.0, method,
                        String.join(", ", devices))))));
        ledger.recordJob(new JobRecord(id, id + "-model", "vision", zone, at("01:00"), run.start(), run.end(),
                List.of(run), null, null));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void codecarbon_header_passesCodeCarbonsFileOutputCheck_inItsOrder() {
        List<List<String>> rows = LedgerExportTest.parseCsv(CodeCarbonCsv.codecarbon(ledger.entries(LedgerQuery.ALL)));

        assertThat(hasValidHeaders(rows.get(0))).isTrue();
        // Same order too: CodeCarbon appends its rows without a header, in EmissionsData's order.
        assertThat(rows.get(0)).isEqualTo(EMISSIONS_DATA_FIELDS);
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(38));
    }

    @Test
    void codecarbonExtended_header_isRefusedByTheFileOutputCheck_soItIsASeparateFormat() {
        List<List<String>> rows = LedgerExportTest.parseCsv(CodeCarbonCsv.extended(ledger.entries(LedgerQuery.ALL)));

        assertThat(rows.get(0).subList(0, 38)).isEqualTo(EMISSIONS_DATA_FIELDS);
        assertThat(rows.get(0).subList(38, rows.get(0).size())).contains("energy_method", "avoided_gco2e", "status");
        assertThat(hasValidHeaders(rows.get(0))).isFalse();
        assertThat(rows).hasSize(6);
    }

    @Test
    void codecarbon_loadedAsTheDashboardLoadsIt_everyCallbackHasWhatItNeeds() {
        List<Map<String, Object>> df = readCsv(CodeCarbonCsv.codecarbon(ledger.entries(LedgerQuery.ALL)));

        // Four complete jobs; the one waiting for FR history is not a CodeCarbon row.
        assertThat(df).extracting(r -> r.get("run_id")).containsExactly("job-1", "job-gb", "job-ca", "job-pjm");
        Map<String, Object> summary = projectSummary(df, "vision");
        // update_project_data: sum(df['emissions']) of 0.216 + 0.2 + 0.25 + 0.5 kg.
        assertThat((double) summary.get("total_emissions")).isCloseTo(1.166, within(1e-12));
        // 1.2 + 1 + 1 + 1 kWh.
        assertThat((double) summary.get("total_energy_consumed")).isCloseTo(4.2, within(1e-12));
        for (Map<String, Object> run : df) {
            // update_show_regional_comparison: country_iso_code.upper(); a NaN (empty cell) is a float and fails.
            assertThat(run.get("country_iso_code")).isInstanceOf(String.class);
            assertThat(((String) run.get("country_iso_code")).toUpperCase(Locale.ROOT)).isNotEmpty();
            // update_on_cloud / get_cloud_emissions_barchart_data: on_cloud "Y" or "N", never empty.
            assertThat(run.get("on_cloud")).isIn("Y", "N");
        }
        Map<String, Map<String, Object>> byRun = new HashMap<>();
        df.forEach(r -> byRun.put((String) r.get("run_id"), r));
        assertThat(byRun.get("job-1")).containsEntry("country_iso_code", "DEU").containsEntry("country_name", "Germany");
        assertThat(byRun.get("job-gb")).containsEntry("country_iso_code", "GBR")
                .containsEntry("country_name", "United Kingdom");
        assertThat(byRun.get("job-ca")).containsEntry("country_iso_code", "USA")
                .containsEntry("country_name", "United States").containsEntry("region", "california");
        assertThat(byRun.get("job-pjm")).containsEntry("country_iso_code", "USA")
                .containsEntry("region", "US-MIDA-PJM");
        // GPU columns describe GPUs only: a CPU-only node has none; two H200s are CodeCarbon's "2 x NVIDIA H200".
        assertThat(byRun.get("job-gb")).containsEntry("gpu_count", 0.0).containsEntry("cpu_count", 2.0);
        assertThat(byRun.get("job-gb").get("gpu_model")).isNull();
        assertThat(byRun.get("job-ca")).containsEntry("gpu_count", 2.0).containsEntry("gpu_model", "2 x NVIDIA H200");
        // GB: 1 kWh CPU at 200 g/kWh over an hour = 0.2 kg, 1,000 W.
        assertThat((double) byRun.get("job-gb").get("emissions")).isCloseTo(0.2, within(1e-12));
        assertThat((double) byRun.get("job-gb").get("cpu_power")).isCloseTo(1000.0, within(1e-9));
    }

    /** file.py has_valid_headers: {@code sorted(headers) == sorted(data.values.keys())}. */
    private static boolean hasValidHeaders(List<String> header) {
        List<String> a = new ArrayList<>(header);
        List<String> b = new ArrayList<>(EMISSIONS_DATA_FIELDS);
        a.sort(Comparator.naturalOrder());
        b.sort(Comparator.naturalOrder());
        return a.equals(b);
    }

    /**
     * pandas.read_csv as the dashboard calls it: an empty cell is NaN (here null), a cell that parses as a
     * number is a float, anything else a string.
     */
    private static List<Map<String, Object>> readCsv(String text) {
        List<List<String>> rows = LedgerExportTest.parseCsv(text);
        List<Map<String, Object>> df = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            Map<String, Object> record = new HashMap<>();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                Object value;
                if (cell.isEmpty()) {
                    value = null;
                } else {
                    try {
                        value = Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        value = cell;
                    }
                }
                record.put(rows.get(0).get(i), value);
            }
            df.add(record);
        }
        return df;
    }

    /**
     * data.py get_project_summary over the project's rows sorted by timestamp, and carbonboard.py's sums: each
     * value is read the way the dashboard reads it, so that a missing number or column fails here as it would there.
     */
    private static Map<String, Object> projectSummary(List<Map<String, Object>> df, String project) {
        List<Map<String, Object>> runs = df.stream().filter(r -> project.equals(r.get("project_name")))
                .sorted(Comparator.comparing(r -> (String) r.get("timestamp"))).toList();
        Map<String, Object> last = runs.get(runs.size() - 1);
        for (String key : List.of("timestamp", "duration", "emissions", "energy_consumed", "country_name",
                "country_iso_code", "region", "on_cloud", "cloud_provider", "cloud_region")) {
            assertThat(last).containsKey(key);
        }
        Map<String, Object> summary = new HashMap<>(last);
        summary.put("total_emissions", runs.stream().mapToDouble(r -> (Double) r.get("emissions")).sum());
        summary.put("total_energy_consumed", runs.stream().mapToDouble(r -> (Double) r.get("energy_consumed")).sum());
        return summary;
    }
}
