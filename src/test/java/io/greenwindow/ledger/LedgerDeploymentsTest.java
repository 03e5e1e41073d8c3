package io.greenwindow.ledger;

import static io.greenwindow.ledger.LedgerAccountingTest.NOW;
import static io.greenwindow.ledger.LedgerAccountingTest.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.energy.EnergyReport;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One deployment lifetime per served model. Each run below is the accounting test's job with its probe: 0.01 g
 * per request, 1,000 requests a day for 365 days, 3,650 g over its lifetime.
 */
class LedgerDeploymentsTest {

    private final Database db = TestDatabases.h2();
    private final Ledger ledger = new Ledger(db, new HandMadeSignals().hourly("DE", T0, 400, 100, 300, 200)
            .hourly("FR", NOW.minus(Duration.ofHours(48)), LedgerAccountingTest.flat(48, 60)),
            Clock.fixed(NOW, ZoneOffset.UTC), LedgerSettings.DEFAULT);

    @AfterEach
    void close() {
        db.close();
    }

    private void trained(String jobId, String name, boolean alongside) {
        EnergyReport run = LedgerAccountingTest.ranOneThirtyToTwoThirty();
        ledger.recordJob(new JobRecord(jobId, name, "vision", "DE", T0, run.start(), run.end(), List.of(run),
                new InferenceAssumptions(1000, 365, 1000, "FR", 1.2, alongside), LedgerWhatIfTest.PROBE));
    }

    @Test
    void monthly_twoRunsOfOneModel_countOneLifetime() {
        trained("iris-1", "iris", false);
        trained("iris-2", "iris", false);

        MonthlyReport r = new MonthlyReports(ledger).of("vision", YearMonth.of(2026, 11));

        // 3,650 g once, not 7,300 g: iris-2 replaced iris-1's deployment.
        assertThat(r.projectedInferenceG()).isCloseTo(3650.0, within(1e-6));
        assertThat(r.jobLines().get(0).inferenceLifetimeG()).isNull();
        assertThat(r.jobLines().get(0).breakEven()).startsWith("deployment replaced by the later training run iris-2");
        assertThat(r.jobLines().get(1).inferenceLifetimeG()).isCloseTo(3650.0, within(1e-6));
        assertThat(r.notes()).anyMatch(n -> n.startsWith("Job iris-1 (iris): deployment replaced"));
    }

    @Test
    void monthly_secondRunServedAlongside_countsBothLifetimes() {
        trained("iris-1", "iris", false);
        trained("iris-2", "iris", true);

        MonthlyReport r = new MonthlyReports(ledger).of("vision", YearMonth.of(2026, 11));

        // 3,650 g + 3,650 g: two services.
        assertThat(r.projectedInferenceG()).isCloseTo(7300.0, within(1e-6));
    }

    @Test
    void monthly_runsOfTwoModels_countEach() {
        trained("iris-1", "iris", false);
        trained("mnist-1", "mnist", false);

        assertThat(new MonthlyReports(ledger).of("vision", YearMonth.of(2026, 11)).projectedInferenceG())
                .isCloseTo(7300.0, within(1e-6));
    }
}
