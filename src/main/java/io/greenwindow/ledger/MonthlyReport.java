package io.greenwindow.ledger;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * A team's month: energy split by how it was obtained, inventory and avoided carbon (never added), projected
 * inference, budget used, per job and per day, with the method and boundary a reader needs to audit it.
 *
 * @param budgetKg the team's monthly budget in kgCO2e, null when none is configured
 * @param budgetUsedShare inventory over budget (1.0 = all used), null without a budget or with a zero one
 * @param budgetSource where the budget was read (a policy and its version, or the ledger settings); blank without
 * @param signalSources the intensity signals the month's carbon was computed from ("DE: replay, average, lifecycle")
 * @param attributions credits the data providers require where their intensities are shown; empty when none
 * @param head the ledger's head when the report was made, signed (check it later with {@code ledger verify --head})
 */
public record MonthlyReport(String team, YearMonth month, int jobs, int pendingJobs, double itKwh,
        double facilityKwh, double measuredFacilityKwh, double estimatedFacilityKwh, double inventoryG,
        double avoidedG, double projectedInferenceG, Double budgetKg, Double budgetUsedShare, String budgetSource,
        List<JobLine> jobLines, List<DayLine> days, List<String> signalSources, List<String> attributions,
        String method, List<String> notes, LedgerHead head) {

    public MonthlyReport {
        budgetSource = budgetSource == null ? "" : budgetSource;
        jobLines = List.copyOf(jobLines);
        days = List.copyOf(days);
        signalSources = signalSources == null ? List.of() : List.copyOf(signalSources);
        attributions = attributions == null ? List.of() : List.copyOf(attributions);
        notes = List.copyOf(notes);
    }

    /**
     * One job (or one segment of a job that never finished).
     *
     * @param intensityGPerKwh the energy-weighted location-based intensity of its run, null while history is missing
     * @param pue the PUE its facility energy includes; {@code pueKnown} false when 1.0 was assumed
     * @param inferenceMethod how the projected inference was obtained (blank without a projection)
     * @param sciMethod how each SCI score was obtained
     * @param deploymentPueKnown false when the deployment's PUE is unknown (1.0 assumed); null without a projection
     */
    public record JobLine(long seq, String jobId, String jobName, String kind, String end, double facilityKwh,
            String energyMethod, Double inventoryG, Double avoidedG, Double inferenceLifetimeG, String breakEven,
            String responseLengths, Double sciPerRunG, Double sciPer1000RequestsG, String status, String zone,
            Double intensityGPerKwh, double pue, boolean pueKnown, String inferenceMethod, String sciMethod,
            Boolean deploymentPueKnown) {
    }

    /** One day of the month: facility kWh measured and estimated, and the inventory of the intervals in it. */
    public record DayLine(LocalDate date, double measuredKwh, double estimatedKwh, double inventoryG) {
    }
}
