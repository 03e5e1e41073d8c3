package io.greenwindow.ledger;

import io.greenwindow.db.Database;
import io.greenwindow.energy.EnergyMethod;
import io.greenwindow.energy.EnergyReport;
import io.greenwindow.energy.InferenceProbeResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A small ledger with known figures (worked out in {@link LedgerAccountingTest}) for the API, page and export tests:
 * team vision has job-1 (216 g emitted, 264 g avoided, 3,650 g projected inference) and job-2 (pending: no history
 * for zone XX); team nlp has job-3 (1 kWh in the 400 g hour: 400 g, nothing avoided).
 */
public final class SampleLedger {

    public static final Instant NOW = Instant.parse("2026-11-03T00:00:00Z");
    public static final Instant T0 = LedgerAccountingTest.T0;
    public static final String CLASSIFIER = "mnist-mlp, a classifier";

    private SampleLedger() {
    }

    public static Ledger populate(Database db) {
        HandMadeSignals signals = new HandMadeSignals().hourly("DE", T0, 400, 100, 300, 200)
                .hourly("FR", NOW.minus(Duration.ofHours(48)), LedgerAccountingTest.flat(48, 60));
        LedgerSettings settings = new LedgerSettings(0, LedgerSettings.DEFAULT_HARDWARE_LIFESPAN, 1.0,
                LedgerSettings.DEFAULT_DEPLOYMENT_INTENSITY_WINDOW, Map.of("vision", 1.0));
        Ledger ledger = new Ledger(db, signals, Clock.fixed(NOW, ZoneOffset.UTC), settings);

        EnergyReport run = LedgerAccountingTest.ranOneThirtyToTwoThirty();
        ledger.recordSegment(new SegmentRecord("job-1", CLASSIFIER, "vision", "DE", 0, T0, run));
        InferenceProbeResult probe = new InferenceProbeResult("char-lstm", 1, 500, 0.2, 32, 100, 0.02, 0.5, 0.0004,
                EnergyMethod.MEASURED_NVML, "GPU-0", "cuda");
        ledger.recordJob(new JobRecord("job-1", CLASSIFIER, "vision", "DE", T0, run.start(), run.end(), List.of(run),
                new InferenceAssumptions(1000, 365, 1000, "FR", 1.2), probe));

        EnergyReport unknownZone = Energy.report().bin(at("05:00"), at("06:00"), 1.0, 0.0).build();
        ledger.recordJob(new JobRecord("job-2", "lstm", "vision", "XX", T0, unknownZone.start(), unknownZone.end(),
                List.of(unknownZone), null, null));

        EnergyReport atOnce = Energy.report().bin(at("00:00"), at("00:30"), 1.0, 0.0).build();
        ledger.recordJob(new JobRecord("job-3", "tagger", "nlp", "DE", T0, atOnce.start(), atOnce.end(),
                List.of(atOnce), null, null));
        return ledger;
    }

    private static Instant at(String hhmm) {
        return LedgerAccountingTest.at(hhmm);
    }
}
