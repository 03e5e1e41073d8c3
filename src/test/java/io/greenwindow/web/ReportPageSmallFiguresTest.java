package io.greenwindow.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.ledger.MonthlyReports;
import io.greenwindow.ledger.TinyJob;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class ReportPageSmallFiguresTest {

    @Test
    void render_tinyCpuJob_showsAdaptiveUnitsInTotalsTableAndCharts() {
        Database db = TestDatabases.h2();
        try {
            var report = new MonthlyReports(TinyJob.populate(db)).of("vision", YearMonth.of(2026, 11));

            String html = ReportPage.render(report);

            assertThat(html).contains("41.2 mWh").contains("16.5 mgCO2e").doesNotContain("0.0000")
                    .doesNotContain("e-0");
            // The daily charts are scaled into the unit of their largest day, with round ticks.
            assertThat(html).contains("mWh per day").contains("mgCO2e per day");
        } finally {
            db.close();
        }
    }

    @Test
    void render_electricityMapsIntensities_showTheSourceAndItsCredit() {
        Database db = TestDatabases.h2();
        try {
            var live = new MonthlyReports(TinyJob.populate(db, "electricitymaps")).of("vision", YearMonth.of(2026, 11));
            String html = ReportPage.render(live);

            assertThat(live.signalSources()).containsExactly("DE: electricitymaps, average, lifecycle, 60-min intervals");
            assertThat(html).contains("DE, 400 gCO2e/kWh").contains("Grid intensity data")
                    .contains("Carbon intensity data: Electricity Maps (electricitymaps.com)");
        } finally {
            db.close();
        }
    }

    @Test
    void render_replayedIntensities_creditElectricityMapsAndWarnTheyAreNotTheRealGrid() {
        Database db = TestDatabases.h2();
        try {
            var replay = new MonthlyReports(TinyJob.populate(db, "replay")).of("vision", YearMonth.of(2026, 11));
            String html = ReportPage.render(replay);

            assertThat(html).contains("Electricity Maps 2023 hourly data")
                    .contains("not the grid's intensity when the jobs ran");
        } finally {
            db.close();
        }
    }

    @Test
    void render_handMadeIntensities_creditNobody() {
        Database db = TestDatabases.h2();
        try {
            var report = new MonthlyReports(TinyJob.populate(db)).of("vision", YearMonth.of(2026, 11));

            assertThat(report.attributions()).isEmpty();
            assertThat(ReportPage.render(report)).doesNotContain("Electricity Maps");
        } finally {
            db.close();
        }
    }

    @Test
    void ticks_areRoundStepsCoveringTheMaximum() {
        assertThat(SvgCharts.ticks(41.2)).containsExactly(0.0, 20.0, 40.0, 60.0);
        assertThat(SvgCharts.ticks(0.0)).containsExactly(0.0, 1.0);
        assertThat(SvgCharts.ticks(100)).containsExactly(0.0, 50.0, 100.0);
    }
}
