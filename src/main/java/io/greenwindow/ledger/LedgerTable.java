package io.greenwindow.ledger;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The ledger and monthly reports as text a person reads in a terminal. */
public final class LedgerTable {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final String ROW = "%5s  %-11s %-18s %-10s %-16s %10s  %-36s %12s %12s  %s%n";

    private LedgerTable() {
    }

    public static String entries(List<LedgerEntry> entries) {
        if (entries.isEmpty()) {
            return "No ledger entries match.\n";
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, ROW, "SEQ", "KIND", "JOB", "TEAM", "RUN ENDED (UTC)", "ENERGY",
                "ENERGY METHOD", "EMITTED", "SAVED", "STATUS"));
        for (LedgerEntry e : entries) {
            EntryContent c = e.content();
            String kind = c.kind().name().toLowerCase(Locale.ROOT)
                    + (c.segmentIndex() == null ? "" : "#" + c.segmentIndex())
                    + (c.completesSeq() == null ? "" : " of " + c.completesSeq());
            CarbonFigures carbon = c.carbon();
            out.append(String.format(Locale.ROOT, ROW, e.seq(), kind, cut(c.jobId(), 18), cut(c.team(), 10),
                    MINUTE.format(c.end()), Quantities.energy(c.energy().facilityKwh()),
                    cut(c.energy().methodSummary(), 36), grams(carbon == null ? null : carbon.inventoryG()),
                    grams(carbon == null ? null : carbon.avoidedG()), c.status().name().toLowerCase(Locale.ROOT)));
            if (!c.energy().pueKnown()) {
                out.append("       training PUE unknown: 1.0 assumed\n");
            }
            InferenceProjection p = c.inference();
            if (p != null) {
                out.append(String.format(Locale.ROOT, "       inference: %s over %d days (%s)%s%n",
                        Quantities.carbon(p.lifetimeG(), "gCO2e unknown"),
                        p.lifetimeDays(), p.probeMethodLabel(),
                        p.ratioToTrainingSaving() == null ? ""
                                : ", " + Quantities.significant(p.ratioToTrainingSaving()) + "x the training saving"));
                out.append("       ").append(Labels.inference(p)).append('\n');
                out.append("       ").append(p.breakEven()).append('\n');
                for (String length : responseLengths(p).split(" \\| ")) {
                    if (!length.isBlank()) {
                        out.append("       ").append(length).append('\n');
                    }
                }
            }
            for (SciScore sci : c.sci()) {
                out.append(String.format(Locale.ROOT, "       SCI: %s per %s (%s)%n",
                        Quantities.carbon(sci.sciG(), "pending"),
                        sci.functionalUnit(), sci.method()));
            }
            if (c.status() != EntryStatus.COMPLETE && !c.statusReason().isBlank()) {
                out.append("       ").append(c.statusReason()).append('\n');
            }
        }
        out.append("ENERGY is facility energy (IT x PUE). EMITTED is the location-based inventory; SAVED is carbon"
                + " avoided by waiting, a separate figure never added to it.\n");
        return out.toString();
    }

    public static String monthly(MonthlyReport r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Team %s, %s: %d job(s)%n", r.team(), r.month(), r.jobs()));
        out.append(String.format(Locale.ROOT, "  energy     %s (measured %s, estimated by a model %s)%n",
                Quantities.energy(r.facilityKwh()), Quantities.energy(r.measuredFacilityKwh()),
                Quantities.energy(r.estimatedFacilityKwh())));
        out.append(String.format(Locale.ROOT, "  inventory  %s%n", Quantities.carbon(r.inventoryG())));
        out.append(String.format(Locale.ROOT, "  avoided    %s by waiting (separate, not subtracted)%n",
                Quantities.carbon(r.avoidedG())));
        out.append(String.format(Locale.ROOT, "  inference  %s projected over the models' lifetimes%n",
                Quantities.carbon(r.projectedInferenceG())));
        out.append("  budget     ").append(budget(r)).append('\n');
        for (String note : r.notes()) {
            out.append("  note: ").append(note).append('\n');
        }
        for (String source : r.signalSources()) {
            out.append("  intensity  ").append(source).append('\n');
        }
        for (String credit : r.attributions()) {
            out.append("  ").append(credit).append('\n');
        }
        if (r.head() != null) {
            out.append("  head       ").append(r.head().written()).append(r.head().signature() == null
                    ? " (unsigned)" : " signed " + r.head().signedAt()).append('\n');
        }
        return out.toString();
    }

    /** The response lengths side by side: "spec-length answers (1,000 tokens): 3,650.0 gCO2e over the lifetime, ... | chat-length ...". */
    public static String responseLengths(InferenceProjection p) {
        StringBuilder out = new StringBuilder();
        for (InferenceProjection.ResponseLengthCase c : p.responseLengths()) {
            if (out.length() > 0) {
                out.append(" | ");
            }
            out.append(String.format(Locale.ROOT, "%s answers (%,d tokens, %s J each %s): %s over the lifetime",
                    c.label(), c.tokens(), Quantities.significant(c.joulesPerResponse()),
                    c.label().equals("spec-length") ? "by this model's probe" : "as published",
                    c.lifetimeG() == null ? Quantities.energy(c.lifetimeKwh()) : Quantities.carbon(c.lifetimeG())));
            if (c.breakEvenDays() != null) {
                out.append(", break-even ").append(Quantities.days(c.breakEvenDays()));
            }
        }
        return out.toString();
    }

    /** A what-if answer as text: the verdict, then each figure with how it was obtained. */
    public static String whatIf(WhatIfAnswer a) {
        StringBuilder out = new StringBuilder();
        WhatIfAnswer.Deployment d = a.deployment();
        WhatIfAnswer.Inference i = a.inference();
        out.append(a.verdict()).append('\n');
        out.append(String.format(Locale.ROOT, "  job        %s (%s, entry %d)%n", a.jobName(), a.jobId(), a.entrySeq()));
        out.append(String.format(Locale.ROOT, "  training   emitted %s, avoided by waiting %s (%s; PUE %s)%n",
                grams(a.training().inventoryG()), grams(a.training().avoidedG()), a.training().energyMethod(),
                a.training().pueKnown() ? Quantities.significant(a.training().pue()) : "unknown, 1.0 assumed"));
        out.append(String.format(Locale.ROOT, "  deployment %s requests/day x %d days in %s at %s, PUE %s (%s)%n",
                Quantities.significant(d.requestsPerDay()), d.lifetimeDays(), d.zone(),
                d.intensityGPerKwh() == null ? "unknown intensity" : Quantities.significant(d.intensityGPerKwh())
                        + " gCO2e/kWh", d.pueKnown() ? Quantities.significant(d.pue()) : "unknown, 1.0 assumed",
                d.basis()));
        out.append(String.format(Locale.ROOT, "  intensity  %s%n", d.intensityBasis()));
        out.append(String.format(Locale.ROOT, "  per answer %s J for %s: %s%n", Quantities.significant(i.joulesPerResponse()),
                i.length(), i.energyBasis()));
        out.append(String.format(Locale.ROOT, "  inference  %s, %s over the deployment (projected)%n",
                Quantities.energy(i.lifetimeKwh()), Quantities.carbon(i.lifetimeG(), "unknown")));
        out.append(String.format(Locale.ROOT, "  SCI        %s per 1,000 requests: %s%n",
                Quantities.carbon(a.sciPer1000Requests().sciG(), "unknown"), a.sciPer1000Requests().method()));
        for (WhatIfAnswer.Inference o : a.sideBySide()) {
            out.append(String.format(Locale.ROOT, "  vs %s (%s, %s J, %s): %s, break-even %s%n", o.label(), o.length(),
                    Quantities.significant(o.joulesPerResponse()), o.energyBasis(), Quantities.carbon(o.lifetimeG(), "unknown"),
                    o.breakEvenDays() == null ? "none" : Quantities.days(o.breakEvenDays())));
        }
        a.notes().forEach(n -> out.append("  note: ").append(n).append('\n'));
        return out.toString();
    }

    /** "21.6% of 1.00 kgCO2e (policy vision@3)", or "none configured". */
    public static String budget(MonthlyReport r) {
        if (r.budgetKg() == null) {
            return "none configured";
        }
        String used = r.budgetUsedShare() == null
                ? "0 gCO2e allowed: any emission is over it"
                : Quantities.significant(r.budgetUsedShare() * 100) + "% used of " + Quantities.carbon(r.budgetKg() * 1000)
                        + (r.budgetUsedShare() > 1 ? ", OVER BUDGET by " + Quantities.carbon(r.inventoryG() - r.budgetKg() * 1000) : "");
        return used + (r.budgetSource().isBlank() ? "" : "; from " + r.budgetSource());
    }

    private static String grams(Double g) {
        return Quantities.carbon(g, "pending");
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }
}
