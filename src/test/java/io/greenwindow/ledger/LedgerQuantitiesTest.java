package io.greenwindow.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerQuantitiesTest {

    @Test
    void energy_fromMilliWattHoursToMegaWattHours_choosesTheUnitAndKeepsThreeFigures() {
        assertThat(Quantities.energy(4.12e-5)).isEqualTo("41.2 mWh");
        assertThat(Quantities.energy(1e-6)).isEqualTo("1.00 mWh");
        assertThat(Quantities.energy(4.12e-9)).isEqualTo("0.00412 mWh");
        assertThat(Quantities.energy(0.0412)).isEqualTo("41.2 Wh");
        assertThat(Quantities.energy(0.5)).isEqualTo("500 Wh");
        assertThat(Quantities.energy(0.99996)).isEqualTo("1.00 kWh");
        assertThat(Quantities.energy(2.5)).isEqualTo("2.50 kWh");
        assertThat(Quantities.energy(1234.5)).isEqualTo("1.23 MWh");
        assertThat(Quantities.energy(0)).isEqualTo("0 kWh");
    }

    @Test
    void carbon_milligramsToTonnes_andNegativeSavings() {
        assertThat(Quantities.carbon(0.0317)).isEqualTo("31.7 mgCO2e");
        assertThat(Quantities.carbon(216.0)).isEqualTo("216 gCO2e");
        assertThat(Quantities.carbon(25506.2)).isEqualTo("25.5 kgCO2e");
        assertThat(Quantities.carbon(-0.0048)).isEqualTo("-4.80 mgCO2e");
        assertThat(Quantities.carbon(3.2e6)).isEqualTo("3.20 tCO2e");
        assertThat(Quantities.carbon(null, "pending")).isEqualTo("pending");
    }

    @Test
    void significant_andDays_neverUseAnExponent() {
        assertThat(Quantities.significant(0.0000412)).isEqualTo("0.0000412");
        assertThat(Quantities.significant(26400)).isEqualTo("26,400");
        assertThat(Quantities.significant(13.8345)).isEqualTo("13.8");
        assertThat(Quantities.days(3.8)).isEqualTo("3.80 days");
        assertThat(Quantities.days(0.25)).isEqualTo("6.00 hours");
        assertThat(Quantities.days(0.002)).isEqualTo("2.88 minutes");
    }

    @Test
    void table_tinyCpuJob_showsMilliWattHoursAndMilligramsNotZeros() {
        Database db = TestDatabases.h2();
        try {
            Ledger ledger = TinyJob.populate(db);
            List<LedgerEntry> entries = ledger.entries(LedgerQuery.ALL);

            String table = LedgerTable.entries(entries);
            assertThat(table).contains("41.2 mWh").contains("16.5 mgCO2e").doesNotContain("0.0000");
            assertThat(table).contains("SCI: 16.5 mgCO2e per 1 training run");

            String monthly = LedgerTable.monthly(new MonthlyReports(ledger).of("vision", YearMonth.of(2026, 11)));
            assertThat(monthly).contains("energy     41.2 mWh (measured 0 kWh, estimated by a model 41.2 mWh)")
                    .contains("inventory  16.5 mgCO2e");
        } finally {
            db.close();
        }
    }

    @Test
    void csv_tinyCpuJob_keepsFullPrecisionInKwhAndGrams() {
        Database db = TestDatabases.h2();
        try {
            Ledger ledger = TinyJob.populate(db);
            List<LedgerEntry> entries = ledger.entries(LedgerQuery.ALL);

            List<List<String>> rows = LedgerExportTest.parseCsv(LedgerCsv.ledger(entries));
            Map<String, String> job = LedgerExportTest.record(rows.get(0), rows.get(1));
            assertThat(Double.parseDouble(job.get("facility_kwh"))).isEqualTo(TinyJob.KWH);
            assertThat(Double.parseDouble(job.get("inventory_gco2e"))).isCloseTo(TinyJob.GRAMS, within(1e-15));

            List<List<String>> cc = LedgerExportTest.parseCsv(LedgerCsv.codecarbon(entries));
            Map<String, String> row = LedgerExportTest.record(cc.get(0), cc.get(1));
            assertThat(Double.parseDouble(row.get("emissions"))).isCloseTo(TinyJob.GRAMS / 1000, within(1e-18));

            MonthlyReport r = new MonthlyReports(ledger).of("vision", YearMonth.of(2026, 11));
            List<List<String>> monthly = LedgerExportTest.parseCsv(LedgerCsv.monthly(r));
            Map<String, String> line = LedgerExportTest.record(monthly.get(0), monthly.get(1));
            assertThat(Double.parseDouble(line.get("facility_kwh"))).isEqualTo(TinyJob.KWH);
            Map<String, String> total = LedgerExportTest.record(monthly.get(0), monthly.get(2));
            assertThat(total.get("job_id")).isEqualTo("TOTAL");
            assertThat(total.get("energy_method")).contains("estimated 4.12E-5 kWh");
        } finally {
            db.close();
        }
    }
}
