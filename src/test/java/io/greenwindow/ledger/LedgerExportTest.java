package io.greenwindow.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LedgerExportTest {

    /** CodeCarbon 3.3's emissions.csv header, from its EmissionsData fields (see {@link CodeCarbonExportTest}). */
    static final String CODECARBON_HEADER = String.join(",", CodeCarbonExportTest.EMISSIONS_DATA_FIELDS);

    private final Database db = TestDatabases.h2();
    private final Ledger ledger = SampleLedger.populate(db);

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void codecarbon_sampleLedger_parsesWithCodeCarbonsColumnsFirstAndOneRowPerJob() {
        List<List<String>> rows = parseCsv(LedgerCsv.codecarbon(ledger.entries(LedgerQuery.ALL)));

        List<String> header = rows.get(0);
        assertThat(String.join(",", header.subList(0, 38))).isEqualTo(CODECARBON_HEADER);
        assertThat(header.subList(38, header.size())).contains("entry_kind", "energy_method", "avoided_gco2e")
                .doesNotContain("pue");
        // job-1's segment entry is covered by its job entry: three jobs, three rows.
        assertThat(rows).hasSize(4);
        Map<String, String> job1 = record(header, rows.get(1));
        assertThat(job1.get("run_id")).isEqualTo("job-1");
        assertThat(job1.get("experiment_id")).isEqualTo(SampleLedger.CLASSIFIER);
        assertThat(job1.get("project_name")).isEqualTo("vision");
        assertThat(job1.get("timestamp")).isEqualTo("2026-11-02T02:30:00");
        assertThat(Double.parseDouble(job1.get("duration"))).isEqualTo(3600.0);
        // CodeCarbon writes kg and applies PUE to each component: 216 g; GPU 0.8 kWh x 1.2; CPU 0.2 kWh x 1.2.
        assertThat(Double.parseDouble(job1.get("emissions"))).isCloseTo(0.216, within(1e-12));
        assertThat(Double.parseDouble(job1.get("emissions_rate"))).isCloseTo(0.216 / 3600, within(1e-15));
        assertThat(Double.parseDouble(job1.get("gpu_energy"))).isCloseTo(0.96, within(1e-12));
        assertThat(Double.parseDouble(job1.get("cpu_energy"))).isCloseTo(0.24, within(1e-12));
        assertThat(Double.parseDouble(job1.get("energy_consumed"))).isCloseTo(1.2, within(1e-12));
        // 0.8 kWh over one hour is 800 W on average.
        assertThat(Double.parseDouble(job1.get("gpu_power"))).isCloseTo(800.0, within(1e-9));
        assertThat(Double.parseDouble(job1.get("pue"))).isEqualTo(1.2);
        assertThat(job1.get("region")).isEqualTo("DE");
        assertThat(job1.get("energy_method")).isEqualTo("measured (NVML) + estimated (model)");
        Map<String, String> pending = record(header, rows.get(2));
        assertThat(pending.get("emissions")).isEmpty();
        assertThat(pending.get("status")).isEqualTo("PENDING");
    }

    @Test
    void ledgerCsv_everyEntry_hasOneRowWithItsHash() {
        List<List<String>> rows = parseCsv(LedgerCsv.ledger(ledger.entries(LedgerQuery.ALL)));

        assertThat(rows).hasSize(5);
        List<String> header = rows.get(0);
        assertThat(rows.subList(1, 5)).extracting(r -> record(header, r).get("entry_kind"))
                .containsExactly("SEGMENT", "JOB", "JOB", "JOB");
        assertThat(record(header, rows.get(4)).get("hash")).isEqualTo(ledger.verify().headHash());
    }

    @Test
    void monthly_teamVision_sumsEachJobOnceAndKeepsAvoidedApart() {
        MonthlyReport r = new MonthlyReports(ledger).of("vision", YearMonth.of(2026, 11));

        assertThat(r.jobs()).isEqualTo(2);
        assertThat(r.pendingJobs()).isEqualTo(1);
        assertThat(r.inventoryG()).isCloseTo(216.0, within(1e-9));
        assertThat(r.avoidedG()).isCloseTo(264.0, within(1e-9));
        assertThat(r.projectedInferenceG()).isCloseTo(3650.0, within(1e-6));
        // job-1: GPU 0.8 x 1.2 measured, CPU 0.2 x 1.2 estimated; job-2: 1 kWh GPU measured at PUE 1.
        assertThat(r.measuredFacilityKwh()).isCloseTo(1.96, within(1e-9));
        assertThat(r.estimatedFacilityKwh()).isCloseTo(0.24, within(1e-9));
        assertThat(r.budgetUsedShare()).isCloseTo(0.216, within(1e-12));
        assertThat(r.days()).hasSize(30);
        assertThat(r.days().get(1).inventoryG()).isCloseTo(216.0, within(1e-9));
        assertThat(r.notes()).anyMatch(n -> n.contains("wait for history"));
        assertThat(LedgerCsv.monthly(r)).contains("TOTAL").contains("\"" + SampleLedger.CLASSIFIER + "\"");
    }

    @Test
    void monthly_otherMonth_isEmpty() {
        MonthlyReport r = new MonthlyReports(ledger).of("vision", YearMonth.of(2026, 10));

        assertThat(r.jobs()).isZero();
        assertThat(r.inventoryG()).isZero();
    }

    @Test
    void table_sampleLedger_showsMethodsPendingAndBreakEven() {
        String table = LedgerTable.entries(ledger.entries(LedgerQuery.ALL));

        assertThat(table).contains("measured (NVML) + estimated (model)").contains("pending")
                .contains("26,400 requests").contains("13.8x the training saving").contains("216 gCO2e")
                .contains("SCI: 216 gCO2e per 1 training run")
                // 365,000 requests x 0.0925 g (4,625 J x 1.2 at 60 g/kWh) = 33.8 kg; 264 g / 0.0925 g / 1,000 a day.
                .contains("reasoning-length answers (6,988 tokens, 4,625 J each as published): 33.8 kgCO2e over the "
                        + "lifetime, break-even 2.85 days");
    }

    /** A small RFC 4180 reader: quoted fields, doubled quotes, commas inside quotes. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        return rows;
    }

    static Map<String, String> record(List<String> header, List<String> row) {
        assertThat(row).hasSameSizeAs(header);
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            map.put(header.get(i), row.get(i));
        }
        return map;
    }
}
