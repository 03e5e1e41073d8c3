package io.greenwindow.ledger;

import io.greenwindow.energy.ComponentEnergy;
import io.greenwindow.energy.EnergyBin;
import io.greenwindow.energy.EnergyReport;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import io.greenwindow.policy.PolicyStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/** Builds a team's {@link MonthlyReport} (months in UTC) from the ledger, counting each job once. */
public final class MonthlyReports {

    /** Credit asked by Electricity Maps (API terms; ODbL for the data-portal files the replay adapter uses). */
    static final String ELECTRICITY_MAPS = "Carbon intensity data: Electricity Maps (electricitymaps.com)";
    static final String ELECTRICITY_MAPS_REPLAY = "Carbon intensity data: Electricity Maps 2023 hourly data "
            + "(data portal, ODbL; electricitymaps.com), replayed onto the present by the embedded replay adapter";
    static final String REPLAY_CAVEAT = "The intensities are a replay of 2023 data onto the present (the embedded "
            + "default adapter), not the grid's intensity when the jobs ran: configure a live provider for an inventory";

    private final Ledger ledger;
    private final TeamBudgets budgets;

    /** Budgets from the ledger's settings only. */
    public MonthlyReports(Ledger ledger) {
        this(ledger, TeamBudgets.of(ledger.settings()));
    }

    /** Budgets from the admins' policies, else the ledger's settings; {@code policies} may be null (settings only). */
    public MonthlyReports(Ledger ledger, PolicyStore policies) {
        this(ledger, policies == null ? TeamBudgets.of(ledger.settings())
                : new PolicyBudgets(policies, TeamBudgets.of(ledger.settings())));
    }

    public MonthlyReports(Ledger ledger, TeamBudgets budgets) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.budgets = Objects.requireNonNull(budgets, "budgets");
    }

    /** The month (UTC) the ledger's clock is in now: what a report page shows when asked for no month. */
    public YearMonth currentMonth() {
        return YearMonth.now(ledger.clock().withZone(ZoneOffset.UTC));
    }

    private static Double sci(EntryContent c, int index) {
        return c.sci().size() > index ? c.sci().get(index).sciG() : null;
    }

    public MonthlyReport of(String team, YearMonth month) {
        if (team == null || team.isBlank()) {
            throw new IllegalArgumentException("A monthly report needs a team");
        }
        var from = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        var to = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        List<LedgerEntry> effective = EffectiveEntries.of(ledger.entries(new LedgerQuery(team, from, to)));
        Map<String, LedgerEntry> replacedBy = Deployments.replacedBy(
                EffectiveEntries.of(ledger.entries(new LedgerQuery(team, null, null))));

        TreeMap<LocalDate, double[]> days = new TreeMap<>();
        for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
            days.put(d, new double[3]);
        }
        List<MonthlyReport.JobLine> lines = new ArrayList<>();
        double it = 0, facility = 0, measured = 0, estimated = 0, inventory = 0, avoided = 0, inference = 0;
        int pending = 0;
        Set<String> sources = new LinkedHashSet<>();
        for (LedgerEntry e : effective) {
            EntryContent c = e.content();
            it += c.energy().itKwh();
            facility += c.energy().facilityKwh();
            for (EnergyReport r : c.segments()) {
                for (EnergyBin bin : r.bins()) {
                    double[] day = days.get(LocalDate.ofInstant(bin.start(), ZoneOffset.UTC));
                    for (ComponentEnergy ce : bin.components()) {
                        double kwh = ce.kwh() * r.pue();
                        if (ce.method().isMeasured()) {
                            measured += kwh;
                        } else {
                            estimated += kwh;
                        }
                        if (day != null) {
                            day[ce.method().isMeasured() ? 0 : 1] += kwh;
                        }
                    }
                }
            }
            CarbonFigures carbon = c.carbon();
            if (c.status() == EntryStatus.PENDING) {
                pending++;
            }
            if (carbon != null && carbon.inventoryG() != null) {
                inventory += carbon.inventoryG();
                for (IntervalCarbon ic : carbon.intervals()) {
                    double[] day = days.get(LocalDate.ofInstant(ic.start(), ZoneOffset.UTC));
                    if (day != null) {
                        day[2] += ic.gCo2e();
                    }
                }
            }
            if (carbon != null && carbon.avoidedG() != null) {
                avoided += carbon.avoidedG();
            }
            if (carbon != null && carbon.source() != null) {
                sources.add(signal(carbon));
            }
            InferenceProjection p = c.inference();
            LedgerEntry successor = replacedBy.get(c.jobId());
            if (p != null && p.lifetimeG() != null && successor == null) {
                inference += p.lifetimeG();
            }
            lines.add(new MonthlyReport.JobLine(e.seq(), c.jobId(), c.jobName(), c.kind().name().toLowerCase(Locale.ROOT),
                    c.end().toString(), c.energy().facilityKwh(), c.energy().methodSummary(),
                    carbon == null ? null : carbon.inventoryG(), carbon == null ? null : carbon.avoidedG(),
                    p == null || successor != null ? null : p.lifetimeG(), p == null ? "no inference projection"
                            : successor != null ? Deployments.replacedSentence(successor) : p.breakEven(),
                    p == null ? "" : LedgerTable.responseLengths(p), sci(c, 0), sci(c, 1),
                    status(c), c.zone(),
                    carbon == null ? null : carbon.intensityGPerKwh(), c.energy().pue(), c.energy().pueKnown(),
                    Labels.inference(p), String.join(" | ", c.sci().stream().map(Labels::sci).toList()),
                    p == null ? null : p.pueKnown()));
        }
        List<MonthlyReport.DayLine> dayLines = new ArrayList<>();
        days.forEach((d, v) -> dayLines.add(new MonthlyReport.DayLine(d, v[0], v[1], v[2])));
        var teamBudget = budgets.monthly(team, month);
        Double budget = teamBudget.map(TeamBudgets.TeamBudget::kg).orElse(null);
        Double used = budget == null || budget == 0 ? null : inventory / 1000 / budget;
        List<String> notes = new ArrayList<>();
        if (pending > 0) {
            notes.add(pending + " job(s) wait for history: their carbon is not in the totals yet");
        }
        if (estimated > 0) {
            notes.add(Quantities.energy(estimated) + " of " + Quantities.energy(measured + estimated)
                    + " are estimated by a model, not measured");
        }
        if (budget == null) {
            notes.add("No carbon budget is configured for team " + team);
        }
        if (effective.stream().anyMatch(e -> !e.content().energy().pueKnown())) {
            notes.add("Training PUE unknown for some jobs: 1.0 assumed, which understates a real data centre");
        }
        if (effective.stream().anyMatch(e -> e.content().inference() != null && !e.content().inference().pueKnown())) {
            notes.add("Deployment PUE unknown for some trained models: 1.0 assumed, so their projected inference "
                    + "understates");
        }
        for (LedgerEntry e : effective) {
            LedgerEntry successor = replacedBy.get(e.content().jobId());
            if (successor != null && e.content().inference() != null) {
                notes.add("Job " + e.content().jobId() + " (" + e.content().jobName() + "): "
                        + Deployments.replacedSentence(successor));
            }
        }
        List<String> attributions = new ArrayList<>();
        boolean replay = false;
        for (LedgerEntry e : effective) {
            CarbonFigures carbon = e.content().carbon();
            String source = carbon == null || carbon.source() == null ? "" : carbon.source().toLowerCase(Locale.ROOT);
            if (source.equals("replay")) {
                replay = true;
            }
            String credit = source.equals("replay") ? ELECTRICITY_MAPS_REPLAY
                    : source.replace(" ", "").contains("electricitymaps") ? ELECTRICITY_MAPS : null;
            if (credit != null && !attributions.contains(credit)) {
                attributions.add(credit);
            }
        }
        if (replay) {
            notes.add(REPLAY_CAVEAT);
        }
        for (LedgerEntry e : effective) {
            CarbonFigures carbon = e.content().carbon();
            if (carbon != null && carbon.substitute()) {
                notes.add("Entry " + e.seq() + " (job " + e.content().jobId() + "): "
                        + carbon.provenance().substituteSentence(e.content().zone(), ledger.settings().substituteAfter()));
            }
        }
        String method = "Inventory: location-based, energy-weighted over the history intervals each job ran in. "
                + "Avoided: the same energy profile run at once from submission, against the same history; a "
                + "separate figure, never added to the inventory. Projected inference: the probe's energy per request "
                + "x the spec's requests over the deployment lifetime x PUE x the deployment zone's average intensity, one "
                + "lifetime per deployed model (a newer training run of a model replaces the older one's deployment "
                + "unless its spec says inference.servedAlongside). "
                + "Month: jobs are placed in the month their run ended (UTC). "
                + "SCI: ISO/IEC 21031:2024, (E x I + M) per functional unit, the unit being one training run or "
                + "1,000 inference requests; " + embodied(ledger.settings()) + ". " + SciCalculator.BOUNDARY;
        return new MonthlyReport(team, month, effective.size(), pending, it, facility, measured, estimated, inventory,
                avoided, inference, budget, used, teamBudget.map(TeamBudgets.TeamBudget::source).orElse(""), lines,
                dayLines, List.copyOf(sources), attributions, method, notes, ledger.head());
    }

    private static String status(EntryContent c) {
        if (c.status() == EntryStatus.PENDING) {
            return "pending: " + c.statusReason();
        }
        if (c.status() == EntryStatus.PARTIAL_ENERGY) {
            return c.statusReason();
        }
        return c.carbon() != null && c.carbon().substitute()
                ? "complete from a substitute source (" + c.carbon().provenance().usedSource() + ", not "
                        + c.carbon().provenance().configuredSource() + ")"
                : "complete";
    }

    private static String embodied(LedgerSettings s) {
        return s.embodiedConfigured()
                ? String.format(Locale.ROOT, "M is the time-share of %s kgCO2e of embodied hardware over %d days, %s%% "
                        + "of the node reserved", Quantities.significant(s.embodiedKgCo2e()), s.hardwareLifespan().toDays(),
                        Quantities.significant(s.shareReserved() * 100))
                : "M is 0 because no embodied hardware figure is configured, so the scores understate";
    }

    /** "DE: replay, average, lifecycle, 60-min intervals". */
    private static String signal(CarbonFigures c) {
        return c.zone() + ": " + c.source()
                + (c.kind() == null ? "" : ", " + c.kind().name().toLowerCase(Locale.ROOT))
                + (c.scope() == null ? "" : ", " + c.scope().name().toLowerCase(Locale.ROOT))
                + (c.step() == null ? "" : ", " + c.step().toMinutes() + "-min intervals");
    }
}
