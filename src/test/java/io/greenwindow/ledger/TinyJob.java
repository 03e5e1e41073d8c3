package io.greenwindow.ledger;

import io.greenwindow.db.Database;
import io.greenwindow.energy.EnergyReport;
import io.greenwindow.grid.CarbonSignals;
import io.greenwindow.grid.ForecastResult;
import io.greenwindow.grid.Signal;
import java.util.Optional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A CPU job of five seconds, as the project's examples really run: 41.2 mWh (4.12e-5 kWh, GPU 0 and CPU
 * estimated) in the 400 g/kWh hour of DE, 16.48 mgCO2e, submitted at once so nothing was avoided.
 */
public final class TinyJob {

    public static final double KWH = 4.12e-5;
    public static final double GRAMS = KWH * 400;

    private TinyJob() {
    }

    public static Ledger populate(Database db) {
        return populate(db, "hand-made");
    }

    /** The same job, its history served under the name of {@code source} (say "electricitymaps" or "replay"). */
    public static Ledger populate(Database db, String source) {
        Instant t0 = LedgerAccountingTest.T0;
        HandMadeSignals hand = new HandMadeSignals().hourly("DE", t0, 400, 100, 300, 200);
        CarbonSignals signals = new CarbonSignals() {
            @Override
            public ForecastResult forecast(String zone, Instant from, Instant to) {
                return hand.forecast(zone, from, to);
            }

            @Override
            public Optional<Signal> history(String zone, Instant from, Instant to) {
                return hand.history(zone, from, to).map(s -> new Signal(s.zone(), source, s.kind(), s.scope(), s.step(),
                        s.generatedAt(), s.points()));
            }
        };
        Ledger ledger = new Ledger(db, signals, Clock.fixed(SampleLedger.NOW, ZoneOffset.UTC), LedgerSettings.DEFAULT);
        Instant start = t0.plusSeconds(600);
        EnergyReport run = Energy.report().bin(start, start.plusSeconds(5), 0, KWH).build();
        ledger.recordJob(new JobRecord("job-tiny", "mnist-mlp on CPU", "vision", "DE", start, run.start(), run.end(),
                java.util.List.of(run), null, null));
        return ledger;
    }
}
