package io.greenwindow.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.energy.EnergyMethod;
import io.greenwindow.energy.EnergyReport;
import io.greenwindow.energy.InferenceProbeResult;
import io.greenwindow.grid.SignalKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Entries computed by hand: every expected figure below is worked out in the comment above it. */
class LedgerAccountingTest {

    static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-03T00:00:00Z");

    private final Database db = TestDatabases.h2();
    // DE hourly from 00:00: 400, 100, 300, 200 g/kWh.
    private final HandMadeSignals signals = new HandMadeSignals().hourly("DE", T0, 400, 100, 300, 200);
    private Ledger ledger = new Ledger(db, signals, Clock.fixed(NOW, ZoneOffset.UTC), LedgerSettings.DEFAULT);

    @AfterEach
    void close() {
        db.close();
    }

    /** Ran 01:30-02:30 at PUE 1.2: bin one 0.5 GPU + 0.1 CPU kWh, bin two 0.3 GPU + 0.1 CPU kWh. */
    static EnergyReport ranOneThirtyToTwoThirty() {
        return Energy.report()
                .bin(at("01:30"), at("02:00"), 0.5, 0.1)
                .bin(at("02:00"), at("02:30"), 0.3, 0.1)
                .pue(1.2).build();
    }

    static Instant at(String hhmm) {
        return Instant.parse("2026-11-02T" + hhmm + ":00Z");
    }

    static JobRecord job(List<EnergyReport> segments, InferenceAssumptions inference, InferenceProbeResult probe) {
        return new JobRecord("job-1", "mnist-mlp", "vision", "DE", T0, segments.get(0).start(),
                segments.get(segments.size() - 1).end(), segments, inference, probe);
    }

    @Test
    void recordJob_energyAcrossIntervalsOfDifferentIntensity_isEnergyWeighted() {
        LedgerEntry entry = ledger.recordJob(job(List.of(ranOneThirtyToTwoThirty()), null, null));

        CarbonFigures carbon = entry.content().carbon();
        // 0.6 kWh x 1.2 = 0.72 kWh at 100 g = 72 g; 0.4 kWh x 1.2 = 0.48 kWh at 300 g = 144 g; 216 g in all.
        assertThat(carbon.inventoryG()).isCloseTo(216.0, within(1e-9));
        // 216 g / 1.2 kWh = 180 g/kWh, not the mean of the intensities (200).
        assertThat(carbon.intensityGPerKwh()).isCloseTo(180.0, within(1e-9));
        assertThat(carbon.intervals()).extracting(IntervalCarbon::gPerKwh).containsExactly(100.0, 300.0);
        assertThat(carbon.kind()).isEqualTo(SignalKind.AVERAGE);
        assertThat(carbon.source()).isEqualTo("hand-made");
        assertThat(entry.content().status()).isEqualTo(EntryStatus.COMPLETE);
    }

    @Test
    void recordJob_heldFromSubmission_avoidedIsCounterfactualMinusInventory() {
        LedgerEntry entry = ledger.recordJob(job(List.of(ranOneThirtyToTwoThirty()), null, null));

        CarbonFigures carbon = entry.content().carbon();
        // Run at once from 00:00, both bins fall in the 400 g hour: (0.72 + 0.48) x 400 = 480 g.
        assertThat(carbon.counterfactualStart()).isEqualTo(T0);
        assertThat(carbon.counterfactualG()).isCloseTo(480.0, within(1e-9));
        assertThat(carbon.avoidedG()).isCloseTo(480.0 - 216.0, within(1e-9));
        assertThat(carbon.avoidedBasis()).startsWith("average intensity");
    }

    @Test
    void recordSegment_binStraddlingTwoIntervals_isSplitByTime() {
        // 1 kWh over 00:45-01:15: half in the 400 g hour, half in the 100 g hour = 200 + 50 = 250 g.
        EnergyReport energy = Energy.report().bin(at("00:45"), at("01:15"), 1.0, 0.0).build();

        LedgerEntry entry = ledger.recordSegment(new SegmentRecord("job-2", "lstm", "nlp", "DE", 0, T0, energy));

        assertThat(entry.content().carbon().inventoryG()).isCloseTo(250.0, within(1e-9));
        assertThat(entry.content().kind()).isEqualTo(EntryKind.SEGMENT);
    }

    @Test
    void recordSegment_laterSegment_counterfactualFollowsEarlierSegments() {
        // Segment 0 ran 01:00-01:30, segment 1 02:00-02:30 (1 kWh). At once, segment 1 would have run 00:30-01:00.
        EnergyReport first = Energy.report().bin(at("01:00"), at("01:30"), 1.0, 0.0).build();
        EnergyReport second = Energy.report().bin(at("02:00"), at("02:30"), 1.0, 0.0).build();
        ledger.recordSegment(new SegmentRecord("job-3", "lstm", "nlp", "DE", 0, T0, first));

        LedgerEntry entry = ledger.recordSegment(new SegmentRecord("job-3", "lstm", "nlp", "DE", 1, T0, second));

        assertThat(entry.content().carbon().counterfactualStart()).isEqualTo(at("00:30"));
        // 1 kWh at 400 g (counterfactual) against 1 kWh at 300 g (actual): 100 g avoided.
        assertThat(entry.content().carbon().avoidedG()).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void recordJob_withProbe_projectsInferenceAndBreakEven() {
        // FR history over the last two days: 60 g/kWh flat.
        InferenceProbeResult probe = new InferenceProbeResult("char-lstm", 1, 500, 0.2, 32, 100, 0.02, 0.5, 0.0004,
                EnergyMethod.MEASURED_NVML, "GPU-0", "cuda");
        InferenceAssumptions assumptions = new InferenceAssumptions(1000, 365, 1000, "FR", 1.2);
        ledger = new Ledger(db, new HandMadeSignals().hourly("DE", T0, 400, 100, 300, 200)
                .hourly("FR", NOW.minus(Duration.ofHours(48)), flat(48, 60)), Clock.fixed(NOW, ZoneOffset.UTC),
                LedgerSettings.DEFAULT);

        InferenceProjection p = ledger.recordJob(job(List.of(ranOneThirtyToTwoThirty()), assumptions, probe))
                .content().inference();

        // 0.5 J/token x 1000 tokens = 500 J; x PUE 1.2 = 600 J = 1/6000 kWh; x 60 g/kWh = 0.01 g per request.
        assertThat(p.joulesPerRequest()).isCloseTo(500.0, within(1e-9));
        assertThat(p.gPerRequest()).isCloseTo(0.01, within(1e-12));
        // 365,000 requests x 0.01 g = 3,650 g over the lifetime; 3,650 / 264 g saved = 13.83.
        assertThat(p.lifetimeG()).isCloseTo(3650.0, within(1e-6));
        assertThat(p.ratioToTrainingSaving()).isCloseTo(3650.0 / 264.0, within(1e-9));
        // 264 g saved / 0.01 g = 26,400 requests = 26.4 days at 1,000 a day.
        assertThat(p.breakEvenRequests()).isCloseTo(26_400.0, within(1e-6));
        assertThat(p.breakEvenDays()).isCloseTo(26.4, within(1e-9));
        assertThat(p.breakEven()).contains("26,400 requests").contains("26.4 days");
        assertThat(p.responseLengths()).extracting(InferenceProjection.ResponseLengthCase::tokens)
                .containsExactly(1000, 717, 6988);
        // The published reasoning answer costs 4,625 J as measured (not 0.5 J x 6,988 = 3,494 J): x 1.2 = 5,550 J
        // = 1.5417e-3 kWh, x 60 g = 0.0925 g a request; 264 g / 0.0925 g = 2,854.05 requests = 2.854 days.
        assertThat(p.responseLengths().get(2).joulesPerResponse()).isEqualTo(4625.0);
        assertThat(p.responseLengths().get(2).breakEvenDays()).isCloseTo(264 / 0.0925 / 1000, within(1e-9));
        // 4,625 J against 184 J: the 25x the leaderboard measured, not 6,988 / 717 = 9.75x.
        assertThat(p.responseLengths().get(2).joulesPerResponse() / p.responseLengths().get(1).joulesPerResponse())
                .isCloseTo(25.14, within(0.01));
    }

    @Test
    void recordJob_embodiedConfigured_sciAddsTimeShareOfHardware() {
        LedgerSettings settings = new LedgerSettings(1000, Duration.ofDays(1460), 0.5, Duration.ofDays(365), Map.of());
        ledger = new Ledger(db, signals, Clock.fixed(NOW, ZoneOffset.UTC), settings);

        SciScore sci = ledger.recordJob(job(List.of(ranOneThirtyToTwoThirty()), null, null)).content().sci().get(0);

        // M = 1,000,000 g x (1 h / 1,460 days) x 0.5; E x I = 1.2 kWh x 180 g/kWh = 216 g.
        double m = 1_000_000.0 * 3600 / (1460 * 86400.0) * 0.5;
        assertThat(sci.functionalUnit()).isEqualTo("1 training run");
        assertThat(sci.embodiedG()).isCloseTo(m, within(1e-9));
        assertThat(sci.sciG()).isCloseTo(216.0 + m, within(1e-9));
        assertThat(sci.boundary()).contains("Operational").contains("Embodied");
    }

    @Test
    void recordJob_historyNotYetKnown_isPendingThenCompletedByNewEntry() {
        HandMadeSignals late = new HandMadeSignals();
        ledger = new Ledger(db, late, Clock.fixed(NOW, ZoneOffset.UTC), LedgerSettings.DEFAULT);
        LedgerEntry pending = ledger.recordJob(job(List.of(ranOneThirtyToTwoThirty()), null, null));
        assertThat(pending.content().status()).isEqualTo(EntryStatus.PENDING);
        assertThat(pending.content().carbon().inventoryG()).isNull();
        assertThat(ledger.completePending()).isZero();

        late.hourly("DE", T0, 400, 100, 300, 200);
        int completed = ledger.completePending();

        assertThat(completed).isEqualTo(1);
        List<LedgerEntry> all = ledger.entries(LedgerQuery.ALL);
        assertThat(all).hasSize(2);
        assertThat(all.get(0).content().status()).isEqualTo(EntryStatus.PENDING);
        assertThat(all.get(1).content().kind()).isEqualTo(EntryKind.COMPLETION);
        assertThat(all.get(1).content().completesSeq()).isEqualTo(pending.seq());
        assertThat(all.get(1).content().carbon().inventoryG()).isCloseTo(216.0, within(1e-9));
        assertThat(ledger.completePending()).isZero();
        assertThat(ledger.verify().intact()).isTrue();
    }

    @Test
    void correctRevisedHistory_providerRevisedAnHour_appendsCorrectionAndLeavesOriginal() {
        LedgerEntry original = ledger.recordJob(job(List.of(ranOneThirtyToTwoThirty()), null, null));
        assertThat(ledger.correctRevisedHistory(T0)).isZero();

        // 01:00 revised from 100 to 200 g/kWh: 0.72 x 200 + 144 = 288 g emitted, 480 - 288 = 192 g avoided.
        signals.revise("DE", at("01:00"), 200);
        int corrected = ledger.correctRevisedHistory(T0);

        assertThat(corrected).isEqualTo(1);
        List<LedgerEntry> all = ledger.entries(LedgerQuery.ALL);
        assertThat(all).hasSize(2);
        assertThat(all.get(0)).isEqualTo(original);
        EntryContent correction = all.get(1).content();
        assertThat(correction.kind()).isEqualTo(EntryKind.CORRECTION);
        assertThat(correction.completesSeq()).isEqualTo(original.seq());
        assertThat(correction.carbon().inventoryG()).isCloseTo(288.0, within(1e-9));
        assertThat(correction.carbon().avoidedG()).isCloseTo(192.0, within(1e-9));
        assertThat(correction.statusReason()).contains("inventory 216 gCO2e -> 288 gCO2e");
        assertThat(EffectiveEntries.of(all)).containsExactly(all.get(1));
        assertThat(ledger.correctRevisedHistory(T0)).isZero();
        assertThat(ledger.verify().intact()).isTrue();
    }

    @Test
    void recordSegment_runPastTheEndOfHistory_isPendingUntilTheMissingHourArrives() {
        // 03:30-04:30 (1 kWh): history ends at 04:00, so half the energy has no intensity yet.
        EnergyReport energy = Energy.report().bin(at("03:30"), at("04:30"), 1.0, 0.0).build();
        LedgerEntry pending = ledger.recordSegment(new SegmentRecord("job-4", "lstm", "nlp", "DE", 0, at("03:30"), energy));
        assertThat(pending.content().status()).isEqualTo(EntryStatus.PENDING);
        assertThat(pending.content().statusReason()).contains("does not cover the run from 2026-11-02T03:30:00Z");

        signals.hourly("DE", at("04:00"), 500);

        assertThat(ledger.completePending()).isEqualTo(1);
        CarbonFigures carbon = ledger.entries(LedgerQuery.ALL).get(1).content().carbon();
        // 0.5 kWh at 200 g + 0.5 kWh at 500 g = 350 g; submitted at start, so nothing avoided.
        assertThat(carbon.inventoryG()).isCloseTo(350.0, within(1e-9));
        assertThat(carbon.avoidedG()).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void recordJob_marginalSignal_avoidedOnMarginalAndInventoryCarriesACaveat() {
        signals.kind("DE", SignalKind.MARGINAL);

        CarbonFigures carbon = ledger.recordJob(job(List.of(ranOneThirtyToTwoThirty()), null, null)).content().carbon();

        assertThat(carbon.kind()).isEqualTo(SignalKind.MARGINAL);
        assertThat(carbon.avoidedBasis()).isEqualTo("marginal intensity");
        assertThat(carbon.notes()).anyMatch(n -> n.contains("Inventory uses a marginal signal"));
    }

    @Test
    void recordJob_probeWithoutTokensAndNoDeploymentHistory_saysWhyThereIsNoBreakEven() {
        InferenceProbeResult probe = new InferenceProbeResult("mlp", 1, 0.36, 0.001, 64, 0.09, 0.0002, null, null,
                EnergyMethod.ESTIMATED_MODEL, "2 cores x 10 W/core", "cpu");
        InferenceAssumptions assumptions = new InferenceAssumptions(10_000, 30, null, "NOWHERE", null);

        InferenceProjection p = ledger.recordJob(job(List.of(ranOneThirtyToTwoThirty()), assumptions, probe))
                .content().inference();

        // 0.36 J x 300,000 requests x PUE 1.0 (unknown) = 108,000 J = 0.03 kWh.
        assertThat(p.perRequestBasis()).contains("J/request at batch 1");
        assertThat(p.lifetimeKwh()).isCloseTo(0.03, within(1e-12));
        assertThat(p.lifetimeG()).isNull();
        assertThat(p.breakEven()).isEqualTo("No break-even: the deployment zone's intensity is unknown");
        assertThat(p.responseLengths()).isEmpty();
        assertThat(p.notes()).anyMatch(n -> n.contains("PUE of the deployment is unknown"))
                .anyMatch(n -> n.contains("estimated (model), not a measurement"));
    }

    @Test
    void recordJob_measuredAndEstimatedParts_keepTheirMethodsApart() {
        EnergyFigures energy = ledger.recordJob(job(List.of(ranOneThirtyToTwoThirty()), null, null)).content().energy();

        assertThat(energy.allMeasured()).isFalse();
        assertThat(energy.methodSummary()).isEqualTo("measured (NVML) + estimated (model)");
        assertThat(energy.measuredItKwh()).isCloseTo(0.8, within(1e-9));
        assertThat(energy.itKwh()).isCloseTo(1.0, within(1e-9));
        assertThat(energy.facilityKwh()).isCloseTo(1.2, within(1e-9));
    }

    static double[] flat(int n, double value) {
        double[] values = new double[n];
        java.util.Arrays.fill(values, value);
        return values;
    }
}
