package io.greenwindow.ledger;

import java.util.List;

/**
 * The answer to a {@link WhatIfQuestion}: the model's inference over the asked deployment set against what
 * waiting saved in its training, with how each figure was obtained. Carbon figures are null when the deployment
 * zone's intensity is unknown; break-even figures when the training saving is not known yet.
 *
 * @param verdict the sentence that answers "does this eat the training saving?"
 * @param sideBySide the same deployment priced at other answer lengths (this model's probe, published presets)
 */
public record WhatIfAnswer(String jobId, String jobName, long entrySeq, Training training, Deployment deployment,
        Inference inference, SciScore sciPer1000Requests, String verdict, List<Inference> sideBySide,
        List<String> notes) {

    public WhatIfAnswer {
        sideBySide = List.copyOf(sideBySide);
        notes = List.copyOf(notes);
    }

    /** What the training run emitted and what waiting saved, as the ledger holds them. */
    public record Training(Double inventoryG, Double avoidedG, String avoidedBasis, String energyMethod,
            double facilityKwh, double pue, boolean pueKnown) {
    }

    /** The deployment asked about, each value with where it came from (asked, or the spec's). */
    public record Deployment(double requestsPerDay, int lifetimeDays, double lifetimeRequests, String zone,
            Double intensityGPerKwh, String intensityBasis, double pue, boolean pueKnown, String basis) {
    }

    /**
     * Inference at one answer length.
     *
     * @param joulesPerResponse IT energy of one answer, before PUE
     * @param energyBasis how it was obtained: this model's probe (by which counter) or a published figure
     * @param ratioToTrainingSaving lifetime inference carbon over the training saving
     */
    public record Inference(String label, String length, double joulesPerResponse, String energyBasis,
            double lifetimeKwh, Double lifetimeG, Double gPerRequest, Double breakEvenRequests,
            Double breakEvenDays, Double ratioToTrainingSaving) {
    }
}
