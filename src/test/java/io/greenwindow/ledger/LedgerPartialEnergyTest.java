package io.greenwindow.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.energy.EnergyReport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An entry whose energy a crash cut short (PARTIAL_ENERGY) still has carbon to complete or correct: the energy it
 * has is priced like any other once history covers it, and the entry keeps saying that its energy is a lower bound.
 * Every figure is worked out by hand in the comment above it.
 */
class LedgerPartialEnergyTest {

    private static final Instant NOW = Instant.parse("2026-11-03T00:00:00Z");
    private static final String CUT = "energy measured only up to the last sample at 2026-11-02T04:30:00Z";

    private final Database db = TestDatabases.h2();
    private final HandMadeSignals signals = new HandMadeSignals();
    private final Ledger ledger = new Ledger(db, signals, Clock.fixed(NOW, ZoneOffset.UTC), LedgerSettings.DEFAULT);

    @AfterEach
    void close() {
        db.close();
    }

    private static Instant at(String hhmm) {
        return Instant.parse("2026-11-02T" + hhmm + ":00Z");
    }

    /** Started (and submitted) 03:30, measured to 04:30 when the service died: 0.5 kWh in each hour. */
    private LedgerEntry cutSegment() {
        EnergyReport energy = Energy.report().bin(at("03:30"), at("04:00"), 0.5, 0).bin(at("04:00"), at("04:30"), 0.5, 0)
                .cutShort(CUT).build();
        return ledger.recordSegment(new SegmentRecord("job-p", "iris", "research", "DE", 0, at("03:30"), energy));
    }

    @Test
    void completePending_partialEnergyEntryWithPendingCarbon_isCompletedWhenHistoryArrives_andStaysPartial() {
        // History has 03:00 (200 g/kWh) only: the 04:00 half of the energy has no intensity yet.
        signals.hourly("DE", at("03:00"), 200);
        LedgerEntry cut = cutSegment();
        assertThat(cut.content().status()).isEqualTo(EntryStatus.PARTIAL_ENERGY);
        assertThat(cut.content().carbon().complete()).isFalse();
        assertThat(ledger.completePending()).isZero();

        signals.hourly("DE", at("04:00"), 500);
        assertThat(ledger.completePending()).as("the crash-cut entry's carbon, now that history covers it")
                .isEqualTo(1);

        List<LedgerEntry> all = ledger.entries(LedgerQuery.ALL);
        assertThat(all).hasSize(2);
        EntryContent completion = all.get(1).content();
        assertThat(completion.kind()).isEqualTo(EntryKind.COMPLETION);
        assertThat(completion.completesSeq()).isEqualTo(cut.seq());
        // 0.5 kWh at 200 + 0.5 kWh at 500 = 350 g; run at once from its submission is the same run: 0 avoided.
        assertThat(completion.carbon().inventoryG()).isCloseTo(350.0, within(1e-9));
        assertThat(completion.carbon().avoidedG()).isCloseTo(0.0, within(1e-9));
        assertThat(completion.status()).as("still a lower bound").isEqualTo(EntryStatus.PARTIAL_ENERGY);
        assertThat(completion.statusReason()).startsWith("energy incomplete: " + CUT)
                .contains("Completes entry " + cut.seq()).containsOnlyOnce("energy incomplete");
        assertThat(EffectiveEntries.of(all)).containsExactly(all.get(1));
        assertThat(ledger.completePending()).as("completed once").isZero();
        assertThat(ledger.verify().intact()).isTrue();
    }

    @Test
    void completePending_partialEnergyEntryWhoseCarbonIsComplete_isLeftAlone() {
        signals.hourly("DE", at("03:00"), 200, 500);
        LedgerEntry cut = cutSegment();
        assertThat(cut.content().status()).isEqualTo(EntryStatus.PARTIAL_ENERGY);
        assertThat(cut.content().carbon().complete()).isTrue();

        assertThat(ledger.completePending()).isZero();
        assertThat(ledger.entries(LedgerQuery.ALL)).hasSize(1);
    }

    @Test
    void correctRevisedHistory_partialEnergyEntry_isCorrectedAndStaysPartial() {
        signals.hourly("DE", at("03:00"), 200, 500);
        LedgerEntry cut = cutSegment();

        // 04:00 revised from 500 to 300 g/kWh: 0.5 x 200 + 0.5 x 300 = 250 g (was 350 g).
        signals.revise("DE", at("04:00"), 300);
        assertThat(ledger.correctRevisedHistory(at("00:00"))).isEqualTo(1);

        EntryContent correction = ledger.entries(LedgerQuery.ALL).get(1).content();
        assertThat(correction.kind()).isEqualTo(EntryKind.CORRECTION);
        assertThat(correction.completesSeq()).isEqualTo(cut.seq());
        assertThat(correction.carbon().inventoryG()).isCloseTo(250.0, within(1e-9));
        assertThat(correction.status()).isEqualTo(EntryStatus.PARTIAL_ENERGY);
        assertThat(correction.statusReason()).startsWith("energy incomplete: " + CUT)
                .contains("inventory 350 gCO2e -> 250 gCO2e");
        assertThat(ledger.correctRevisedHistory(at("00:00"))).isZero();
    }
}
