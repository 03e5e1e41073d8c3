package io.greenwindow.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.energy.EnergyMethod;
import io.greenwindow.energy.EnergyReport;
import io.greenwindow.energy.InferenceProbeResult;
import io.greenwindow.ledger.Energy;
import io.greenwindow.ledger.HandMadeSignals;
import io.greenwindow.ledger.InferenceAssumptions;
import io.greenwindow.ledger.JobRecord;
import io.greenwindow.ledger.Ledger;
import io.greenwindow.ledger.LedgerCsv;
import io.greenwindow.ledger.LedgerJson;
import io.greenwindow.ledger.LedgerQuery;
import io.greenwindow.ledger.LedgerSettings;
import io.greenwindow.ledger.LedgerTable;
import io.greenwindow.ledger.MonthlyReport;
import io.greenwindow.ledger.MonthlyReports;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every figure says how it was obtained, in each view: the report page, the CLI table, the CSVs and the JSON.
 * The job trained at an unknown PUE and will serve at an unknown PUE: both are flagged, apart.
 */
class ReportLabelsTest {

    private static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-03T00:00:00Z");
    private final Database db = TestDatabases.h2();
    private Ledger ledger;

    @BeforeEach
    void oneJob() {
        ledger = new Ledger(db, new HandMadeSignals().hourly("DE", T0, 400, 100, 300, 200),
                Clock.fixed(NOW, ZoneOffset.UTC), LedgerSettings.DEFAULT);
        EnergyReport run = Energy.report().bin(T0.plus(Duration.ofMinutes(90)), T0.plus(Duration.ofMinutes(120)), 0.5, 0.1)
                .pueUnknown().build();
        InferenceProbeResult probe = new InferenceProbeResult("char-lstm", 1, 500, 0.2, 32, 100, 0.02, 0.5, 0.0004,
                EnergyMethod.MEASURED_NVML, "GPU-0", "cuda");
        ledger.recordJob(new JobRecord("job-l", "lstm", "nlp", "DE", T0, run.start(), run.end(), List.of(run),
                new InferenceAssumptions(1000, 365, 1000, "DE", null), probe));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void reportPage_projectedInferenceAndSci_sayHowTheyWereObtained_andBothPuesAreFlagged() {
        MonthlyReport r = new MonthlyReports(ledger).of("nlp", YearMonth.of(2026, 11));
        String html = ReportPage.render(r);

        assertThat(html).contains("projected, not measured: each model's probe energy per answer")
                .contains("projected: probe 0.5000 J/token x 1000 tokens per response (measured (NVML), GPU-0) x "
                        + "1,000 requests/day x 365 days x deployment PUE unknown, 1.0 assumed x 250 gCO2e/kWh")
                .contains("SCI 1 training run: E measured (NVML) + estimated (model)")
                .contains("SCI 1,000 inference requests: E from the inference probe")
                .contains("training unknown, 1.0 assumed; deployment unknown, 1.0 assumed")
                .contains("training PUE unknown for 1 job(s)").contains("deployment PUE unknown for 1 trained model(s)");
        assertThat(r.notes()).anyMatch(n -> n.startsWith("Training PUE unknown"))
                .anyMatch(n -> n.startsWith("Deployment PUE unknown"));
    }

    @Test
    void tableCsvAndJson_carryTheSameMethods() {
        String table = LedgerTable.entries(ledger.entries(LedgerQuery.ALL));
        String csv = LedgerCsv.ledger(ledger.entries(LedgerQuery.ALL));
        MonthlyReport r = new MonthlyReports(ledger).of("nlp", YearMonth.of(2026, 11));
        String monthlyCsv = LedgerCsv.monthly(r);
        String json = LedgerJson.write(r);

        assertThat(table).contains("training PUE unknown: 1.0 assumed")
                .contains("projected: probe 0.5000 J/token").contains("deployment PUE unknown, 1.0 assumed")
                .contains("SCI: ").contains("(E measured (NVML) + estimated (model)");
        assertThat(csv.lines().findFirst().orElseThrow()).contains("inference_basis", "deployment_pue_known",
                "sci_method", "energy_method", "pue_known");
        assertThat(csv).contains("projected: probe 0.5000 J/token");
        assertThat(monthlyCsv.lines().findFirst().orElseThrow()).contains("inference_basis,sci_method,"
                + "deployment_pue_known");
        assertThat(json).contains("\"inferenceMethod\":\"projected: probe 0.5000 J/token")
                .contains("\"deploymentPueKnown\":false").contains("\"sciMethod\":\"SCI 1 training run: E");
    }
}
