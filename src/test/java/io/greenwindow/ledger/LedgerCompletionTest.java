package io.greenwindow.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.energy.EnergyReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An entry completes as soon as history covers its run and its counterfactual, and not before: at minute 0 of
 * an interval, a few seconds into one, on 5-minute and hourly signals, and across midnight. Every figure is worked
 * out by hand in the comment above it. Bins are aligned to the signal's intervals and so reach beyond the run;
 * their energy was used while the job ran, so it is placed on the part of the bin the run covers.
 */
class LedgerCompletionTest {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private final Database db = TestDatabases.h2();
    private final HandMadeSignals signals = new HandMadeSignals();
    private final Ledger ledger = new Ledger(db, signals, Clock.fixed(Instant.parse("2026-11-05T00:00:00Z"),
            ZoneOffset.UTC), LedgerSettings.DEFAULT);

    @AfterEach
    void close() {
        db.close();
    }

    private static Instant t(String s) {
        return Instant.parse("2026-11-02T" + s + "Z");
    }

    private LedgerEntry run(Instant submitted, EnergyReport energy) {
        return ledger.recordJob(new JobRecord("job-c", "mlp", "vision", "DE", submitted, energy.start(), energy.end(),
                List.of(energy), null, null));
    }

    @Test
    void recordJob_submittedAndStartedSecondsIntoAnHour_completesAtOnce() {
        // 23:00 of the day before 500 g/kWh, 00:00 400 g/kWh. Submitted 00:00:10, ran 00:00:20-00:30:20 (1 kWh,
        // binned as 00:00-01:00). Before the fix the counterfactual bin, shifted 10 s back, reached into 23:00,
        // which was never asked for: pending for good.
        signals.hourly("DE", t("00:00:00").minus(HandMadeSignals.HOUR), 500, 400);
        EnergyReport energy = Energy.report().bin(t("00:00:00"), t("01:00:00"), 1.0, 0)
                .ran(t("00:00:20"), t("00:30:20")).build();

        LedgerEntry entry = run(t("00:00:10"), energy);

        // Run: 1 kWh in the 400 g hour = 400 g. At once from 00:00:10 to 00:30:10: the same hour, 400 g.
        assertThat(entry.content().status()).isEqualTo(EntryStatus.COMPLETE);
        assertThat(entry.content().carbon().inventoryG()).isCloseTo(400.0, within(1e-9));
        assertThat(entry.content().carbon().counterfactualG()).isCloseTo(400.0, within(1e-9));
        assertThat(entry.content().carbon().avoidedG()).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void recordJob_submittedAndStartedAtMinuteZero_completesAtOnce() {
        // Submitted and started 00:00:00, ran to 00:20:00 (0.5 kWh) in the 400 g hour: 200 g, nothing avoided.
        signals.hourly("DE", t("00:00:00"), 400);
        EnergyReport energy = Energy.report().bin(t("00:00:00"), t("01:00:00"), 0.5, 0)
                .ran(t("00:00:00"), t("00:20:00")).build();

        LedgerEntry entry = run(t("00:00:00"), energy);

        assertThat(entry.content().status()).isEqualTo(EntryStatus.COMPLETE);
        assertThat(entry.content().carbon().inventoryG()).isCloseTo(200.0, within(1e-9));
        assertThat(entry.content().carbon().avoidedG()).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void recordJob_fiveMinuteSignal_runNowHalfAMinuteLate_completesAtOnce() {
        // 5-minute history: 09:55 50, 10:00 100, 10:05 200, 10:10 300 g/kWh. Submitted 10:02:30, ran
        // 10:03:00-10:13:00 at flat power, 1 kWh: bins 10:00 0.2, 10:05 0.5, 10:10 0.3 kWh.
        signals.every(FIVE_MINUTES, "DE", t("09:55:00"), 50, 100, 200, 300);
        EnergyReport energy = Energy.report()
                .bin(t("10:00:00"), t("10:05:00"), 0.2, 0)
                .bin(t("10:05:00"), t("10:10:00"), 0.5, 0)
                .bin(t("10:10:00"), t("10:15:00"), 0.3, 0)
                .ran(t("10:03:00"), t("10:13:00")).build();

        LedgerEntry entry = run(t("10:02:30"), energy);

        // Run: 0.2 x 100 + 0.5 x 200 + 0.3 x 300 = 20 + 100 + 90 = 210 g.
        // At once, 30 s earlier: 10:02:30-10:04:30 0.2 kWh at 100 = 20 g; 10:04:30-10:09:30 0.5 kWh, 30 s of
        // 300 at 100 (0.05 kWh, 5 g) and 270 s at 200 (0.45 kWh, 90 g); 10:09:30-10:12:30 0.3 kWh, 30 s of 180
        // at 200 (0.05 kWh, 10 g) and 150 s at 300 (0.25 kWh, 75 g). 20 + 5 + 90 + 10 + 75 = 200 g.
        assertThat(entry.content().status()).isEqualTo(EntryStatus.COMPLETE);
        assertThat(entry.content().carbon().inventoryG()).isCloseTo(210.0, within(1e-9));
        assertThat(entry.content().carbon().counterfactualG()).isCloseTo(200.0, within(1e-9));
        assertThat(entry.content().carbon().avoidedG()).isCloseTo(-10.0, within(1e-9));
    }

    @Test
    void recordJob_runAcrossMidnight_pendingUntilTheCounterfactualHourArrives_thenCompletes() {
        // Held: submitted 22:10, ran 23:30-00:30 the next day, 0.5 kWh per half hour. History from 23:00 only:
        // 23:00 200 g/kWh, 00:00 (next day) 100 g/kWh. The counterfactual 22:10-23:10 needs 22:00.
        signals.hourly("DE", t("23:00:00"), 200, 100);
        EnergyReport energy = Energy.report()
                .bin(t("23:30:00"), t("23:00:00").plus(HandMadeSignals.HOUR), 0.5, 0)
                .bin(t("23:00:00").plus(HandMadeSignals.HOUR), t("23:30:00").plus(HandMadeSignals.HOUR), 0.5, 0)
                .build();

        LedgerEntry pending = run(t("22:10:00"), energy);
        assertThat(pending.content().status()).isEqualTo(EntryStatus.PENDING);
        assertThat(pending.content().statusReason()).contains("counterfactual");
        assertThat(ledger.completePending()).isZero();

        signals.hourly("DE", t("22:00:00"), 300);
        assertThat(ledger.completePending()).isEqualTo(1);

        CarbonFigures carbon = ledger.entries(LedgerQuery.ALL).get(1).content().carbon();
        // Run: 0.5 x 200 + 0.5 x 100 = 150 g. At once from 22:10: 22:10-22:40 0.5 kWh at 300 = 150 g;
        // 22:40-23:10 0.5 kWh, 20 of 30 min at 300 (100 g) and 10 min at 200 (33.33 g). 283.33 g, 133.33 avoided.
        assertThat(carbon.inventoryG()).isCloseTo(150.0, within(1e-9));
        assertThat(carbon.counterfactualG()).isCloseTo(150 + 100 + 100.0 / 3, within(1e-9));
        assertThat(carbon.avoidedG()).isCloseTo(100 + 100.0 / 3, within(1e-9));
        assertThat(ledger.completePending()).isZero();
    }

    @Test
    void recordSegment_hourlyRunStartedAfterMinuteZeroOfItsSubmissionHour_isNotPendingForGood() {
        // Submitted 00:00:05, started 00:00:40, ran to 01:00:40 at 1 kWh per hour: bins 00:00 (0.98889 kWh,
        // 3,560 s) and 01:00 (0.01111 kWh, 40 s). History 23:00 500, 00:00 400, 01:00 100.
        signals.hourly("DE", t("00:00:00").minus(HandMadeSignals.HOUR), 500, 400, 100);
        double first = 3560.0 / 3600, second = 40.0 / 3600;
        EnergyReport energy = Energy.report()
                .bin(t("00:00:00"), t("01:00:00"), first, 0)
                .bin(t("01:00:00"), t("02:00:00"), second, 0)
                .ran(t("00:00:40"), t("01:00:40")).build();

        LedgerEntry entry = ledger.recordSegment(new SegmentRecord("job-s", "mlp", "vision", "DE", 0, t("00:00:05"),
                energy));

        // Run: 3,560/3,600 x 400 + 40/3,600 x 100 = 395.556 + 1.111 = 396.667 g. At once, 35 s earlier:
        // 00:00:05-01:00:05 = 3,595 s at 400 and 5 s at 100, at 1/3,600 kWh a second: 399.444 + 0.139 = 399.583 g.
        assertThat(entry.content().status()).isEqualTo(EntryStatus.COMPLETE);
        assertThat(entry.content().carbon().inventoryG()).isCloseTo(3560.0 / 3600 * 400 + 40.0 / 3600 * 100,
                within(1e-9));
        assertThat(entry.content().carbon().counterfactualG()).isCloseTo(3595.0 / 3600 * 400 + 5.0 / 3600 * 100,
                within(1e-9));
    }
}
