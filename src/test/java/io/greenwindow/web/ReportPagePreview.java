package io.greenwindow.web;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.energy.EnergyMethod;
import io.greenwindow.energy.EnergyReport;
import io.greenwindow.energy.InferenceProbeResult;
import io.greenwindow.grid.CarbonSignals;
import io.greenwindow.grid.ForecastResult;
import io.greenwindow.grid.Signal;
import io.greenwindow.ledger.Energy;
import io.greenwindow.ledger.HandMadeSignals;
import io.greenwindow.ledger.InferenceAssumptions;
import io.greenwindow.ledger.JobRecord;
import io.greenwindow.ledger.Ledger;
import io.greenwindow.ledger.LedgerSettings;
import io.greenwindow.ledger.LedgerTable;
import io.greenwindow.ledger.MonthlyReports;
import io.greenwindow.ledger.SegmentRecord;
import io.greenwindow.policy.InMemoryPolicyStore;
import io.greenwindow.policy.PolicyRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Not a test: writes two teams' month of hand-made entries as report pages, to look at them in a browser as a
 * sustainability lead would. After {@code mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt}:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.greenwindow.web.ReportPagePreview /tmp}, then
 * open /tmp/report-vision.html and /tmp/report-nlp.html.
 */
public final class ReportPagePreview {

    private static final Instant MONTH = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-01T06:00:00Z");

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp");
        Database db = TestDatabases.h2();
        try {
            double[] de = new double[24 * 31];
            for (int h = 0; h < de.length; h++) {
                // A daily cycle: greener in the early afternoon (solar), dirtier in the evening peak.
                de[h] = 330 + 120 * Math.cos((h % 24 - 19) * Math.PI / 12) + 15 * Math.sin(h / 37.0);
            }
            double[] fr = new double[24 * 60];
            java.util.Arrays.fill(fr, 55);
            HandMadeSignals hand = new HandMadeSignals().hourly("DE", MONTH, de)
                    .hourly("FR", NOW.minus(Duration.ofDays(60)), fr);
            CarbonSignals replay = new CarbonSignals() {
                @Override
                public ForecastResult forecast(String zone, Instant from, Instant to) {
                    return hand.forecast(zone, from, to);
                }

                @Override
                public Optional<Signal> history(String zone, Instant from, Instant to) {
                    return hand.history(zone, from, to).map(s -> new Signal(s.zone(), "replay", s.kind(), s.scope(),
                            s.step(), s.generatedAt(), s.points()));
                }
            };
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            Ledger ledger = new Ledger(db, replay, clock, new LedgerSettings(1200, Duration.ofDays(1460), 0.25,
                    LedgerSettings.DEFAULT_DEPLOYMENT_INTENSITY_WINDOW, Map.of("nlp", 0.002)));
            InferenceProbeResult probe = new InferenceProbeResult("char-lstm", 1, 0.9, 0.004, 32, 0.2, 0.0008, 0.0012,
                    0.00002, EnergyMethod.ESTIMATED_MODEL, "2 cores x 10 W/core", "cpu");
            // Team vision: small CPU jobs of seconds to minutes, every other day, held to the afternoon.
            for (int day = 1; day <= 28; day += 2) {
                Instant submitted = MONTH.plus(Duration.ofDays(day - 1)).plus(Duration.ofHours(18));
                Instant start = submitted.plus(Duration.ofHours(19));
                long seconds = 5 + day * 20L;
                double kwh = 4e-6 * seconds;
                EnergyReport run = Energy.report().bin(start, start.plusSeconds(seconds), 0, kwh).pue(1.3).build();
                ledger.recordJob(new JobRecord("vision-" + day, day % 4 == 1 ? "mnist-mlp" : "cifar-cnn (cpu)",
                        "vision", "DE", submitted, run.start(), run.end(), List.of(run),
                        day % 4 == 1 ? new InferenceAssumptions(5000, 365, 200, "FR", 1.2) : null,
                        day % 4 == 1 ? probe : null));
            }
            // Team nlp: one GPU fine-tune in two segments, one CPU job with unknown PUE, one pending (no history).
            Instant s1 = Instant.parse("2026-11-10T12:00:00Z");
            EnergyReport seg0 = Energy.report().bin(s1, s1.plus(Duration.ofMinutes(30)), 0.12, 0.01).pue(1.2).build();
            Instant s2 = Instant.parse("2026-11-11T13:00:00Z");
            EnergyReport seg1 = Energy.report().bin(s2, s2.plus(Duration.ofMinutes(45)), 0.18, 0.015).pue(1.2).build();
            ledger.recordSegment(new SegmentRecord("nlp-ft", "char-lstm fine-tune", "nlp", "DE", 0, s1.minus(Duration.ofHours(20)), seg0));
            ledger.recordSegment(new SegmentRecord("nlp-ft", "char-lstm fine-tune", "nlp", "DE", 1, s1.minus(Duration.ofHours(20)), seg1));
            ledger.recordJob(new JobRecord("nlp-ft", "char-lstm fine-tune", "nlp", "DE", s1.minus(Duration.ofHours(20)),
                    s1, seg1.end(), List.of(seg0, seg1), new InferenceAssumptions(20000, 730, 6988, "FR", 1.2),
                    new InferenceProbeResult("char-lstm", 1, 30, 0.05, 32, 8, 0.01, 0.004, 0.00001,
                            EnergyMethod.MEASURED_NVML, "GPU-0", "cuda")));
            Instant s3 = Instant.parse("2026-11-20T03:00:00Z");
            EnergyReport cpu = Energy.report().bin(s3, s3.plusSeconds(40), 0, 0.00021).pueUnknown().build();
            ledger.recordJob(new JobRecord("nlp-tagger", "tagger", "nlp", "DE", s3, s3, cpu.end(), List.of(cpu), null, null));
            Instant s4 = Instant.parse("2026-11-25T09:00:00Z");
            EnergyReport away = Energy.report().bin(s4, s4.plusSeconds(90), 0, 0.0004).pue(1.1).build();
            ledger.recordJob(new JobRecord("nlp-xx", "tagger (zone XX)", "nlp", "XX", s4, s4, away.end(), List.of(away), null, null));

            InMemoryPolicyStore policies = new InMemoryPolicyStore(Clock.fixed(Instant.parse("2026-10-20T08:00:00Z"), ZoneOffset.UTC));
            policies.publish("default", new PolicyRules(null, null, null, null, Map.of("vision", 0.05), true, null, null,
                    PolicyRules.DEFAULT_MAX_PAUSES, null, PolicyRules.DEFAULT_REPLAN_MIN_IMPROVEMENT, null));
            MonthlyReports reports = new MonthlyReports(ledger, policies);
            for (String team : List.of("vision", "nlp")) {
                var report = reports.of(team, YearMonth.of(2026, 11));
                Files.writeString(dir.resolve("report-" + team + ".html"), ReportPage.render(report));
                System.out.print(LedgerTable.monthly(report));
            }
            System.out.print(LedgerTable.entries(ledger.entries(null)));
        } finally {
            db.close();
        }
    }
}
