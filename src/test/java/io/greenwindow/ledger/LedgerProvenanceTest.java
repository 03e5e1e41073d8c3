package io.greenwindow.ledger;

import static io.greenwindow.ledger.LedgerAccountingTest.T0;
import static io.greenwindow.ledger.LedgerAccountingTest.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.grid.SettableClock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Carbon comes from the history of the provider configured for the zone when the job ran. When only another
 * source answers (the replay fallback), the entry waits with the reason; after the configured wait it completes
 * marked with the source used, and the report names it. The job is the accounting test's: 216 g emitted.
 */
class LedgerProvenanceTest {

    private final Database db = TestDatabases.h2();
    // The live provider is configured for DE but has answered nothing: the chain fell back to the replay.
    private final HandMadeSignals signals = new HandMadeSignals().hourly("DE", T0, 400, 100, 300, 200)
            .configured("DE", "electricitymaps").servedBy("DE", "replay");
    // An hour after the run ended (02:30).
    private final SettableClock clock = new SettableClock(at("03:30"));
    private final Ledger ledger = new Ledger(db, signals, clock, LedgerSettings.DEFAULT);

    @AfterEach
    void close() {
        db.close();
    }

    private LedgerEntry record() {
        return ledger.recordJob(LedgerAccountingTest.job(List.of(LedgerAccountingTest.ranOneThirtyToTwoThirty()),
                null, null));
    }

    @Test
    void recordJob_onlyTheFallbackHasHistory_staysPendingWithTheReason() {
        LedgerEntry entry = record();

        assertThat(entry.content().status()).isEqualTo(EntryStatus.PENDING);
        assertThat(entry.content().carbon().inventoryG()).isNull();
        assertThat(entry.content().statusReason()).contains("came only from replay, not from electricitymaps")
                .contains("configured for DE");
        clock.advance(Duration.ofHours(70)); // 01:30, three days on: 71 h after the run ended
        assertThat(ledger.completePending()).isZero();
    }

    @Test
    void completePending_configuredProviderAnswersLater_completesFromItUnmarked() {
        record();
        signals.servedBy("DE", "electricitymaps");

        assertThat(ledger.completePending()).isEqualTo(1);

        CarbonFigures carbon = ledger.entries(LedgerQuery.ALL).get(1).content().carbon();
        assertThat(carbon.source()).isEqualTo("electricitymaps");
        assertThat(carbon.substitute()).isFalse();
        assertThat(carbon.inventoryG()).isCloseTo(216.0, within(1e-9));
    }

    @Test
    void completePending_afterTheConfiguredWait_completesMarkedAndTheReportSaysWhich() {
        record();
        // Run ended 02:30; 72 h later is 02:30 three days on. At 02:29 it still waits, at 02:30 it completes.
        clock.set(at("02:29").plus(Duration.ofDays(3)));
        assertThat(ledger.completePending()).isZero();
        clock.set(at("02:30").plus(Duration.ofDays(3)));

        assertThat(ledger.completePending()).isEqualTo(1);

        LedgerEntry completion = ledger.entries(LedgerQuery.ALL).get(1);
        CarbonFigures carbon = completion.content().carbon();
        assertThat(carbon.substitute()).isTrue();
        assertThat(carbon.provenance()).isEqualTo(new Provenance("electricitymaps", "replay", true));
        assertThat(carbon.notes()).anyMatch(n -> n.startsWith("Carbon from replay, a substitute: electricitymaps"));
        MonthlyReport report = new MonthlyReports(ledger).of("vision", YearMonth.of(2026, 11));
        assertThat(report.notes()).anyMatch(n -> n.startsWith("Entry " + completion.seq() + " (job job-1): Carbon "
                + "from replay, a substitute"));
        assertThat(report.jobLines().get(0).status()).isEqualTo(
                "complete from a substitute source (replay, not electricitymaps)");
        assertThat(LedgerCsv.ledger(ledger.entries(LedgerQuery.ALL)).lines().toList().get(2))
                .contains(",electricitymaps,true,");
    }

    @Test
    void correctRevisedHistory_configuredHistoryArrivesAfterASubstitute_appendsACorrection() {
        record();
        clock.advance(Duration.ofDays(4));
        ledger.completePending();
        // The live provider's own history differs at 01:00 (200, not 100): 0.72 x 200 + 144 = 288 g.
        signals.servedBy("DE", "electricitymaps").revise("DE", at("01:00"), 200);

        assertThat(ledger.correctRevisedHistory(T0)).isEqualTo(1);

        EntryContent correction = ledger.entries(LedgerQuery.ALL).get(2).content();
        assertThat(correction.kind()).isEqualTo(EntryKind.CORRECTION);
        assertThat(correction.carbon().substitute()).isFalse();
        assertThat(correction.carbon().inventoryG()).isCloseTo(288.0, within(1e-9));
        assertThat(correction.statusReason()).contains("configured provider (electricitymaps) arrived");
    }

    @Test
    void recordJob_historyFromTheConfiguredProvider_isCompleteAndUnmarked() {
        signals.servedBy("DE", "electricitymaps");

        LedgerEntry entry = record();

        assertThat(entry.content().status()).isEqualTo(EntryStatus.COMPLETE);
        assertThat(entry.content().carbon().provenance()).isEqualTo(new Provenance("electricitymaps",
                "electricitymaps", false));
    }
}
