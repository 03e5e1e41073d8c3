package io.greenwindow.ledger;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The ledger and monthly reports as text a person reads in a terminal. */
public final class LedgerTable {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final String ROW = "%5s  %-11s %-18s %-10s %-16s %10s  %-36s %10s %10s  %s%n";

    private LedgerTable() {
    }

    public static String entries(List<LedgerEntry> entries) {
        if (entries.isEmpty()) {
            return "No ledger entries match.\n";
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, ROW, "SEQ", "KIND", "JOB", "TEAM", "RUN ENDED (UTC)", "kWh",
                "ENERGY METHOD", "gCO2e", "SAVED g", "STATUS"));
        for (LedgerEntry e : entries) {
            EntryContent c = e.content();
            String kind = c.kind().name().toLowerCase(Locale.ROOT)
                    + (c.segmentIndex() == null ? "" : "#" + c.segmentIndex())
                    + (c.completesSeq() == null ? "" : " of " + c.completesSeq());
            CarbonFigures carbon = c.carbon();
            out.append(String.format(Locale.ROOT, ROW, e.seq(), kind, cut(c.jobId(), 18), cut(c.team(), 10),
                    MINUTE.format(c.end()), String.format(Locale.ROOT, "%.4f", c.energy().facilityKwh()),
                    cut(c.energy().methodSummary(), 36), grams(carbon == null ? null : carbon.inventoryG()),
                    grams(carbon == null ? null : carbon.avoidedG()), c.status().name().toLowerCase(Locale.ROOT)));
            if (!c.energy().pueKnown()) {
                out.append("       PUE unknown: 1.0 assumed\n");
            }
            InferenceProjection p = c.inference();
            if (p != null) {
                out.append(String.format(Locale.ROOT, "       inference: %s over %d days (%s)%s%n",
                        p.lifetimeG() == null ? "gCO2e unknown" : String.format(Locale.ROOT, "%,.1f gCO2e", p.lifetimeG()),
                        p.lifetimeDays(), p.probeMethodLabel(),
                        p.ratioToTrainingSaving() == null ? ""
                                : String.format(Locale.ROOT, ", %.2fx the training saving", p.ratioToTrainingSaving())));
                out.append("       ").append(p.breakEven()).append('\n');
                for (String length : responseLengths(p).split(" \\| ")) {
                    if (!length.isBlank()) {
                        out.append("       ").append(length).append('\n');
                    }
                }
            }
            for (SciScore sci : c.sci()) {
                out.append(String.format(Locale.ROOT, "       SCI: %s per %s%n",
                        sci.sciG() == null ? "pending" : String.format(Locale.ROOT, "%,.4g gCO2e", sci.sciG()),
                        sci.functionalUnit()));
            }
            if (c.status() == EntryStatus.PENDING && !c.statusReason().isBlank()) {
                out.append("       ").append(c.statusReason()).append('\n');
            }
        }
        out.append("kWh are facility energy (IT x PUE). gCO2e is the location-based inventory; SAVED is carbon avoided"
                + " by waiting, a separate figure never added to it.\n");
        return out.toString();
    }

    public static String monthly(MonthlyReport r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Team %s, %s: %d job(s)%n", r.team(), r.month(), r.jobs()));
        out.append(String.format(Locale.ROOT, "  energy     %.4f kWh (measured %.4f, estimated by a model %.4f)%n",
                r.facilityKwh(), r.measuredFacilityKwh(), r.estimatedFacilityKwh()));
        out.append(String.format(Locale.ROOT, "  inventory  %,.1f gCO2e%n", r.inventoryG()));
        out.append(String.format(Locale.ROOT, "  avoided    %,.1f gCO2e by waiting (separate, not subtracted)%n", r.avoidedG()));
        out.append(String.format(Locale.ROOT, "  inference  %,.1f gCO2e projected over the models' lifetimes%n",
                r.projectedInferenceG()));
        out.append(r.budgetKg() == null ? "  budget     none configured\n"
                : String.format(Locale.ROOT, "  budget     %.1f%% of %.3f kgCO2e%n", r.budgetUsedShare() * 100, r.budgetKg()));
        for (String note : r.notes()) {
            out.append("  note: ").append(note).append('\n');
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
            out.append(String.format(Locale.ROOT, "%s answers (%,d tokens): %s over the lifetime", c.label(), c.tokens(),
                    c.lifetimeG() == null ? String.format(Locale.ROOT, "%.4g kWh", c.lifetimeKwh())
                            : String.format(Locale.ROOT, "%,.1f gCO2e", c.lifetimeG())));
            if (c.breakEvenDays() != null) {
                out.append(String.format(Locale.ROOT, ", break-even %.1f days", c.breakEvenDays()));
            }
        }
        return out.toString();
    }

    private static String grams(Double g) {
        return g == null ? "pending" : String.format(Locale.ROOT, "%,.1f", g);
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }
}
