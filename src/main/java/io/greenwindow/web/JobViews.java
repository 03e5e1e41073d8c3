package io.greenwindow.web;

import io.greenwindow.energy.EnergyBin;
import io.greenwindow.grid.ForecastResult;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobEvent;
import io.greenwindow.ledger.CarbonFigures;
import io.greenwindow.ledger.EnergyFigures;
import io.greenwindow.ledger.EntryContent;
import io.greenwindow.ledger.LedgerEntry;
import io.greenwindow.ledger.Quantities;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Turns the facts of one job into the words and charts of its page, each figure labelled with how it was had. */
final class JobViews {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("d MMM HH:mm:ss", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private JobViews() {
    }

    static JobView of(JobDetailPage.Facts f) {
        Job job = f.job();
        Svg forecast = null;
        String unavailable = null;
        if (f.forecast() instanceof ForecastResult.Forecast fc) {
            List<ForecastChart.Shade> shades = new ArrayList<>();
            if (f.plan() != null && !job.state().isFinal()) {
                f.plan().segments().forEach(s -> shades.add(new ForecastChart.Shade(job.name(), s.start(), s.end())));
            }
            // A finished job has nothing left to plan or to meet: its chart shows the forecast alone.
            forecast = ForecastChart.render(f.zone(), fc.signal(), f.now(), shades, job.state().isFinal() ? List.of()
                    : List.of(new ForecastChart.Deadline(job.name(), job.deadline())));
        } else if (f.forecast() instanceof ForecastResult.Unavailable u) {
            unavailable = u.reason();
        }
        List<JobCharts.Ran> runs = JobCharts.runs(f.events(), f.now());
        List<EnergyBin> bins = JobDetailPage.bins(f.ledger());
        Svg runChart = null;
        Svg energyChart = null;
        List<String> runNotes = new ArrayList<>();
        List<String> energyNotes = new ArrayList<>();
        if (runs.isEmpty()) {
            runNotes.add("Not run yet.");
        } else {
            TimeAxis axis = JobCharts.axis(runs, bins);
            runChart = JobCharts.runsOverIntensity(f.zone(), runs, f.history(), axis);
            runNotes.add(f.history() == null || f.history().isEmpty()
                    ? "No grid history is recorded for " + f.zone() + " over these runs yet, so the intensity is not drawn;"
                            + " the ledger completes its carbon figures when history arrives."
                    : "Intensity: " + f.history().source() + ", " + f.history().kind().toString().toLowerCase(Locale.ROOT)
                            + ", " + f.history().step().toMinutes() + "-minute intervals, as recorded after the fact"
                            + " (the history the ledger uses), not the forecast.");
            if (!bins.isEmpty()) {
                energyChart = JobCharts.energyPerInterval(bins, runs, axis);
            }
        }
        if (bins.isEmpty()) {
            energyNotes.add("No energy in the ledger yet: a segment's energy is written when the segment ends.");
        } else {
            energyNotes.add("IT energy before PUE, binned onto the grid signal's intervals as the ledger holds it (each"
                    + " bar drawn over the part of its interval in which the job ran); the carbon of each interval is"
                    + " its energy times its intensity.");
            if (runs.stream().anyMatch(JobCharts.Ran::open)) {
                energyNotes.add("The running segment's energy is written when it ends.");
            }
        }
        List<JobView.HistoryLine> history = new ArrayList<>();
        for (JobEvent e : f.events()) {
            history.add(new JobView.HistoryLine(WHEN.format(e.at()), e.to().name(), e.reason()));
        }
        return new JobView(job.name(), job.id(), job.team(), WHEN.format(f.now()), job.state().name(),
                job.state().name().toLowerCase(Locale.ROOT), job.reason(), f.progress(), JobsPage.resumes(job, f.plan()), f.zone(), forecast, unavailable,
                runChart, runNotes, energyChart, energyNotes,
                f.progress() == null || f.progress().losses().isEmpty() ? null : JobCharts.loss(f.progress().losses()),
                f.ledger().stream().map(JobViews::line).toList(), history);
    }

    static JobView.LedgerLine line(LedgerEntry e) {
        EntryContent c = e.content();
        EnergyFigures energy = c.energy();
        CarbonFigures carbon = c.carbon();
        String kind = c.kind().name().toLowerCase(Locale.ROOT)
                + (c.segmentIndex() == null ? "" : " " + (c.segmentIndex() + 1))
                + (c.completesSeq() == null ? "" : " of entry " + c.completesSeq());
        String detail = energy.components().stream().filter(p -> p.itKwh() > 0)
                .map(p -> p.component().name().toLowerCase(Locale.ROOT) + " " + p.methodLabel() + " "
                        + Quantities.energy(p.itKwh()) + (p.detail().isBlank() ? "" : ": " + p.detail()))
                .collect(Collectors.joining("; "));
        String intensity = carbon == null || carbon.intensityGPerKwh() == null
                ? "pending: history not recorded yet"
                : Quantities.significant(carbon.intensityGPerKwh()) + " gCO2e/kWh (" + carbon.zone() + ", "
                        + carbon.source() + (carbon.substitute() ? ", substitute source" : "") + ", energy-weighted)";
        return new JobView.LedgerLine(e.seq(), c.kind().name(), kind, c.status().name().toLowerCase(Locale.ROOT),
                c.statusReason(),
                SECOND.format(c.start()) + " to " + SECOND.format(c.end()),
                Quantities.energy(energy.facilityKwh()) + (energy.pueKnown() ? ", PUE " + Quantities.significant(energy.pue())
                        : ", PUE unknown: 1.0 assumed"),
                energy.methodSummary(), methodClass(energy), detail, intensity,
                Quantities.carbon(carbon == null ? null : carbon.inventoryG(), "pending"),
                Quantities.carbon(carbon == null ? null : carbon.avoidedG(), "pending"), e.hash());
    }

    /** "measured" when every kWh came from counters, "estimated" when none did, else "mixed". */
    static String methodClass(EnergyFigures energy) {
        if (energy.allMeasured()) {
            return "measured";
        }
        return energy.measuredItKwh() > 0 ? "mixed" : "estimated";
    }
}
