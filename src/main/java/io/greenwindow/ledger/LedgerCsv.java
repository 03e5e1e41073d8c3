package io.greenwindow.ledger;

import io.greenwindow.energy.Component;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The ledger as CSV: greenwindow's own columns (every entry), and CodeCarbon's {@code emissions.csv} (one row
 * per job, so that a dashboard summing rows counts each job once) with greenwindow's columns after CodeCarbon's.
 */
public final class LedgerCsv {

    /**
     * CodeCarbon's emissions.csv columns in CodeCarbon's order: the fields of its {@code EmissionsData} dataclass
     * (mlco2/codecarbon, codecarbon/output_methods/emissions_data.py, 2025). Units as CodeCarbon's: emissions in
     * kgCO2e, emissions_rate in kg/s, power in W, energy in kWh with PUE applied (CodeCarbon multiplies each
     * component's energy by the PUE), duration in seconds.
     */
    public static final List<String> CODECARBON_COLUMNS = List.of("timestamp", "project_name", "run_id",
            "experiment_id", "duration", "emissions", "emissions_rate", "cpu_utilization_percent",
            "ram_utilization_percent", "ram_used_gb", "cpu_power", "gpu_power", "ram_power", "cpu_energy",
            "gpu_energy", "ram_energy", "energy_consumed", "water_consumed", "country_name", "country_iso_code",
            "region", "cloud_provider", "cloud_region", "os", "python_version", "codecarbon_version", "cpu_count",
            "cpu_model", "gpu_count", "gpu_model", "longitude", "latitude", "ram_total_size", "tracking_mode",
            "on_cloud", "pue", "wue");

    private static final DateTimeFormatter CODECARBON_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private record Column(String name, Function<LedgerEntry, Object> value) {
    }

    private static final List<Column> OURS = List.of(
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
            new Column("inference_lifetime_kwh", e -> inference(e, InferenceProjection::lifetimeKwh)),
            new Column("inference_lifetime_gco2e", e -> inference(e, InferenceProjection::lifetimeG)),
            new Column("inference_ratio_to_saving", e -> inference(e, InferenceProjection::ratioToTrainingSaving)),
            new Column("break_even_requests", e -> inference(e, InferenceProjection::breakEvenRequests)),
            new Column("break_even_days", e -> inference(e, InferenceProjection::breakEvenDays)),
            new Column("sci_training_run_gco2e", e -> sci(e, 0)),
            new Column("sci_per_1000_requests_gco2e", e -> sci(e, 1)),
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

    /** CodeCarbon's columns then ours (less {@code pue}, which CodeCarbon has), one row per job. */
    public static String codecarbon(List<LedgerEntry> entries) {
        List<Column> extra = OURS.stream().filter(c -> !CODECARBON_COLUMNS.contains(c.name())).toList();
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(CODECARBON_COLUMNS);
        extra.forEach(c -> header.add(c.name()));
        line(out, header);
        for (LedgerEntry e : EffectiveEntries.of(entries)) {
            List<Object> row = new ArrayList<>(codecarbonValues(e));
            extra.forEach(c -> row.add(c.value().apply(e)));
            line(out, row);
        }
        return out.toString();
    }

    /** A team's month: one row per job, then a totals row; the method sentence as the last row. */
    public static String monthly(MonthlyReport r) {
        StringBuilder out = new StringBuilder();
        line(out, List.of("team", "month", "seq", "job_id", "job_name", "entry_kind", "run_end", "facility_kwh",
                "energy_method", "inventory_gco2e", "avoided_gco2e", "inference_lifetime_gco2e", "break_even",
                "response_lengths", "sci_training_run_gco2e", "sci_per_1000_requests_gco2e", "status", "zone",
                "intensity_g_per_kwh", "pue", "pue_known", "budget_kgco2e", "budget_used_share", "budget_source"));
        for (MonthlyReport.JobLine j : r.jobLines()) {
            line(out, java.util.Arrays.asList(r.team(), r.month(), j.seq(), j.jobId(), j.jobName(), j.kind(), j.end(),
                    j.facilityKwh(), j.energyMethod(), j.inventoryG(), j.avoidedG(), j.inferenceLifetimeG(),
                    j.breakEven(), j.responseLengths(), j.sciPerRunG(), j.sciPer1000RequestsG(), j.status(), j.zone(),
                    j.intensityGPerKwh(), j.pue(), j.pueKnown(), null, null, null));
        }
        // Full precision, in the units of the headers: a spreadsheet rounds, a CSV must not.
        line(out, java.util.Arrays.asList(r.team(), r.month(), null, "TOTAL", r.jobs() + " job(s)", null, null,
                r.facilityKwh(), "measured " + r.measuredFacilityKwh() + " kWh, estimated " + r.estimatedFacilityKwh()
                        + " kWh",
                r.inventoryG(), r.avoidedG(), r.projectedInferenceG(), null, null, null, null,
                String.join("; ", r.notes()), null, null, null, null, r.budgetKg(), r.budgetUsedShare(),
                r.budgetSource()));
        for (String source : r.signalSources()) {
            line(out, java.util.Arrays.asList(r.team(), r.month(), null, "INTENSITY_SOURCE", source));
        }
        for (String credit : r.attributions()) {
            line(out, java.util.Arrays.asList(r.team(), r.month(), null, "ATTRIBUTION", credit));
        }
        line(out, java.util.Arrays.asList(r.team(), r.month(), null, "METHOD", r.method()));
        return out.toString();
    }

    private static List<Object> codecarbonValues(LedgerEntry e) {
        EntryContent c = e.content();
        EnergyFigures energy = c.energy();
        double seconds = Math.max(Duration.between(c.start(), c.end()).toMillis() / 1000.0, energy.runSeconds());
        Double kg = c.carbon() == null || c.carbon().inventoryG() == null ? null : c.carbon().inventoryG() / 1000;
        Double rate = kg == null || seconds <= 0 ? null : kg / seconds;
        String runId = c.segmentIndex() == null ? c.jobId() : c.jobId() + "/segment-" + c.segmentIndex();
        List<Object> v = new ArrayList<>();
        v.add(CODECARBON_TIME.format(c.end()));
        v.add(c.team());
        v.add(runId);
        v.add(c.jobName());
        v.add(seconds);
        v.add(kg);
        v.add(rate);
        v.add(null); // cpu_utilization_percent: not observed
        v.add(null); // ram_utilization_percent: not observed
        v.add(null); // ram_used_gb: not observed
        v.add(watts(componentKwh(e, Component.CPU), seconds));
        v.add(watts(componentKwh(e, Component.GPU), seconds));
        v.add(watts(componentKwh(e, Component.RAM), seconds));
        v.add(componentKwh(e, Component.CPU) * energy.pue());
        v.add(componentKwh(e, Component.GPU) * energy.pue());
        v.add(componentKwh(e, Component.RAM) * energy.pue());
        v.add(energy.facilityKwh());
        v.add(null); // water_consumed: not accounted
        v.add(null); // country_name: a grid zone is not a country
        v.add(null); // country_iso_code
        v.add(c.zone()); // region: the grid zone the carbon is computed for
        v.add(null); // cloud_provider
        v.add(null); // cloud_region
        v.add(null); // os
        v.add(null); // python_version
        v.add(null); // codecarbon_version: written by greenwindow, not CodeCarbon
        v.add(null); // cpu_count
        v.add(null); // cpu_model
        v.add(energy.devices().isEmpty() ? null : energy.devices().size());
        v.add(energy.devices().isEmpty() ? null : String.join(" ", energy.devices()));
        v.add(null); // longitude
        v.add(null); // latitude
        v.add(null); // ram_total_size
        v.add("process"); // greenwindow accounts for the job's own process, as CodeCarbon's process mode
        v.add(null); // on_cloud: unknown
        v.add(energy.pue());
        v.add(null); // wue
        return v;
    }

    private static Double watts(double kwh, double seconds) {
        return seconds > 0 ? kwh * 3.6e6 / seconds : null;
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

    private static void line(StringBuilder out, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(escape(values.get(i)));
        }
        out.append('\n');
    }

    static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!(value instanceof Number) && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0
                && !s.matches("[-+]?[0-9.]+([eE][-+]?[0-9]+)?")) {
            // A spreadsheet runs a cell that starts like a formula (=, +, -, @): a quote makes it plain text.
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
