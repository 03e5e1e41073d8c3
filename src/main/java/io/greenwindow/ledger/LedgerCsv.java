package io.greenwindow.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.greenwindow.energy.Component;
import java.util.List;
import java.util.function.Function;

/**
 * The ledger as CSV: greenwindow's own columns (every entry) and a team's month; CodeCarbon's
 * {@code emissions.csv} is {@link CodeCarbonCsv}.
 */
public final class LedgerCsv {

    record Column(String name, Function<LedgerEntry, Object> value) {
    }

    static final List<Column> OURS = List.of(
            new Column("seq", LedgerEntry::seq),
            new Column("recorded_at", LedgerEntry::recordedAt),
            new Column("entry_kind", e -> e.content().kind()),
            new Column("status", e -> e.content().status()),
            new Column("completes_seq", e -> e.content().completesSeq()),
            new Column("job_id", e -> e.content().jobId()),
            new Column("job_name", e -> e.content().jobName()),
            new Column("team", e -> e.content().team()),
            new Column("zone", e -> e.content().zone()),
            new Column("segment_index", e -> e.content().segmentIndex()),
            new Column("submitted_at", e -> e.content().submittedAt()),
            new Column("start", e -> e.content().start()),
            new Column("end", e -> e.content().end()),
            new Column("nodes", e -> String.join(" ", e.content().energy().nodes())),
            new Column("devices", e -> String.join(" ", e.content().energy().devices())),
            new Column("it_kwh", e -> e.content().energy().itKwh()),
            new Column("facility_kwh", e -> e.content().energy().facilityKwh()),
            new Column("pue", e -> e.content().energy().pue()),
            new Column("pue_known", e -> e.content().energy().pueKnown()),
            new Column("energy_method", e -> e.content().energy().methodSummary()),
            new Column("measured_it_kwh", e -> e.content().energy().measuredItKwh()),
            new Column("gpu_it_kwh", e -> componentKwh(e, Component.GPU)),
            new Column("cpu_it_kwh", e -> componentKwh(e, Component.CPU)),
            new Column("ram_it_kwh", e -> componentKwh(e, Component.RAM)),
            new Column("signal_source", e -> carbon(e, CarbonFigures::source)),
            new Column("signal_configured_source", e -> carbon(e, c -> c.provenance() == null ? null
                    : c.provenance().configuredSource())),
            new Column("signal_substitute", e -> carbon(e, CarbonFigures::substitute)),
            new Column("signal_kind", e -> carbon(e, CarbonFigures::kind)),
            new Column("signal_scope", e -> carbon(e, CarbonFigures::scope)),
            new Column("signal_step", e -> carbon(e, CarbonFigures::step)),
            new Column("intensity_g_per_kwh", e -> carbon(e, CarbonFigures::intensityGPerKwh)),
            new Column("inventory_gco2e", e -> carbon(e, CarbonFigures::inventoryG)),
            new Column("counterfactual_start", e -> carbon(e, CarbonFigures::counterfactualStart)),
            new Column("counterfactual_gco2e", e -> carbon(e, CarbonFigures::counterfactualG)),
            new Column("avoided_gco2e", e -> carbon(e, CarbonFigures::avoidedG)),
            new Column("avoided_basis", e -> carbon(e, CarbonFigures::avoidedBasis)),
            new Column("inference_j_per_request", e -> inference(e, InferenceProjection::joulesPerRequest)),
            new Column("inference_method", e -> inference(e, InferenceProjection::probeMethodLabel)),
            new Column("inference_basis", e -> inference(e, Labels::inference)),
            new Column("deployment_pue", e -> inference(e, InferenceProjection::pue)),
            new Column("deployment_pue_known", e -> inference(e, InferenceProjection::pueKnown)),
            new Column("inference_lifetime_kwh", e -> inference(e, InferenceProjection::lifetimeKwh)),
            new Column("inference_lifetime_gco2e", e -> inference(e, InferenceProjection::lifetimeG)),
            new Column("inference_ratio_to_saving", e -> inference(e, InferenceProjection::ratioToTrainingSaving)),
            new Column("break_even_requests", e -> inference(e, InferenceProjection::breakEvenRequests)),
            new Column("break_even_days", e -> inference(e, InferenceProjection::breakEvenDays)),
            new Column("sci_training_run_gco2e", e -> sci(e, 0)),
            new Column("sci_per_1000_requests_gco2e", e -> sci(e, 1)),
            new Column("sci_method", e -> String.join(" | ", e.content().sci().stream().map(Labels::sci).toList())),
            new Column("status_reason", e -> e.content().statusReason()),
            new Column("prev_hash", LedgerEntry::prevHash),
            new Column("hash", LedgerEntry::hash));

    private LedgerCsv() {
    }

    /** Every entry, greenwindow's columns. */
    public static String ledger(List<LedgerEntry> entries) {
        StringBuilder out = new StringBuilder();
        line(out, OURS.stream().map(Column::name).toList());
        for (LedgerEntry e : entries) {
            line(out, OURS.stream().map(c -> c.value().apply(e)).toList());
        }
        return out.toString();
    }

    /** CodeCarbon's columns then ours, one row per job: see {@link CodeCarbonCsv#extended}. */
    public static String codecarbon(List<LedgerEntry> entries) {
        return CodeCarbonCsv.extended(entries);
    }

    /** A team's month: one row per job, then a totals row; the method sentence as the last row. */
    public static String monthly(MonthlyReport r) {
        StringBuilder out = new StringBuilder();
        line(out, List.of("team", "month", "seq", "job_id", "job_name", "entry_kind", "run_end", "facility_kwh",
                "energy_method", "inventory_gco2e", "avoided_gco2e", "inference_lifetime_gco2e", "break_even",
                "response_lengths", "sci_training_run_gco2e", "sci_per_1000_requests_gco2e", "status", "zone",
                "intensity_g_per_kwh", "pue", "pue_known", "budget_kgco2e", "budget_used_share", "budget_source",
                "inference_basis", "sci_method", "deployment_pue_known"));
        for (MonthlyReport.JobLine j : r.jobLines()) {
            line(out, java.util.Arrays.asList(r.team(), r.month(), j.seq(), j.jobId(), j.jobName(), j.kind(), j.end(),
                    j.facilityKwh(), j.energyMethod(), j.inventoryG(), j.avoidedG(), j.inferenceLifetimeG(),
                    j.breakEven(), j.responseLengths(), j.sciPerRunG(), j.sciPer1000RequestsG(), j.status(), j.zone(),
                    j.intensityGPerKwh(), j.pue(), j.pueKnown(), null, null, null, j.inferenceMethod(), j.sciMethod(),
                    j.deploymentPueKnown()));
        }
        // Full precision, in the units of the headers: a spreadsheet rounds, a CSV must not.
        line(out, java.util.Arrays.asList(r.team(), r.month(), null, "TOTAL", r.jobs() + " job(s)", null, null,
                r.facilityKwh(), "measured " + r.measuredFacilityKwh() + " kWh, estimated " + r.estimatedFacilityKwh()
                        + " kWh",
                r.inventoryG(), r.avoidedG(), r.projectedInferenceG(), null, null, null, null,
                String.join("; ", r.notes()), null, null, null, null, r.budgetKg(), r.budgetUsedShare(),
                r.budgetSource(), null, null, null));
        for (String source : r.signalSources()) {
            line(out, java.util.Arrays.asList(r.team(), r.month(), null, "INTENSITY_SOURCE", source));
        }
        for (String credit : r.attributions()) {
            line(out, java.util.Arrays.asList(r.team(), r.month(), null, "ATTRIBUTION", credit));
        }
        line(out, java.util.Arrays.asList(r.team(), r.month(), null, "METHOD", r.method()));
        if (r.head() != null) {
            line(out, java.util.Arrays.asList(r.team(), r.month(), r.head().seq(), "LEDGER_HEAD", r.head().hash(),
                    null, r.head().signedAt(), null, r.head().signature() == null ? "unsigned (no signing key)"
                            : "Ed25519 signature " + r.head().signature() + " by public key " + r.head().publicKey()));
        }
        return out.toString();
    }

    static double componentKwh(LedgerEntry e, Component component) {
        return e.content().energy().components().stream().filter(f -> f.component() == component)
                .mapToDouble(EnergyFigures.ComponentFigure::itKwh).sum();
    }

    private static Object carbon(LedgerEntry e, Function<CarbonFigures, Object> f) {
        return e.content().carbon() == null ? null : f.apply(e.content().carbon());
    }

    private static Object inference(LedgerEntry e, Function<InferenceProjection, Object> f) {
        return e.content().inference() == null ? null : f.apply(e.content().inference());
    }

    private static Object sci(LedgerEntry e, int index) {
        List<SciScore> scores = e.content().sci();
        return scores.size() > index ? scores.get(index).sciG() : null;
    }

    /** Cells are quoted only where CSV needs it (a comma, a quote, a line break), by Jackson's CSV writer. */
    private static final ObjectWriter ROW = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build().writerFor(String[].class).with(CsvSchema.emptySchema().withLineSeparator("\n"));

    static void line(StringBuilder out, List<?> values) {
        String[] cells = new String[values.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = neutralised(values.get(i));
        }
        out.append(row(cells));
    }

    /** One cell as it is written: formula-neutralised, then quoted if CSV needs it. */
    static String escape(Object value) {
        String row = row(new String[] {neutralised(value)});
        return row.substring(0, row.length() - 1);
    }

    private static String row(String[] cells) {
        try {
            return ROW.writeValueAsString(cells);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a CSV row", e);
        }
    }

    private static String neutralised(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!(value instanceof Number) && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0
                && !s.matches("[-+]?[0-9.]+([eE][-+]?[0-9]+)?")) {
            // A spreadsheet runs a cell that starts like a formula (=, +, -, @): a quote makes it plain text.
            s = "'" + s;
        }
        return s;
    }
}
