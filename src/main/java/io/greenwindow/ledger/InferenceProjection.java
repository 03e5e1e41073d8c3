package io.greenwindow.ledger;

import java.util.List;

/**
 * What the trained model is projected to emit once deployed, set against what waiting saved in training. All
 * carbon figures are null when the deployment zone's intensity is unknown; break-even figures are null when the
 * training saving is not known yet.
 *
 * @param joulesPerRequest IT energy of one request (before PUE), by {@code perRequestBasis}
 * @param breakEvenRequests requests after which inference has emitted more than waiting saved
 * @param breakEvenDays the same in days at {@code requestsPerDay}
 * @param breakEven the sentence a user reads
 */
public record InferenceProjection(String modelKind, String probeMethodLabel, boolean probeMeasured,
        String probeDetail, String backend, double joulesPerRequest, String perRequestBasis, double requestsPerDay,
        int lifetimeDays, double lifetimeRequests, Integer tokensPerResponse, String zone, Double intensityGPerKwh,
        String intensityBasis, double pue, boolean pueKnown, double lifetimeKwh, Double lifetimeG,
        Double gPerRequest, Double trainingAvoidedG, Double ratioToTrainingSaving, Double breakEvenRequests,
        Double breakEvenDays, String breakEven, List<ResponseLengthCase> responseLengths, List<String> notes) {

    public InferenceProjection {
        responseLengths = List.copyOf(responseLengths);
        notes = List.copyOf(notes);
    }

    /**
     * One response length priced side by side with the others, from the probe's joules per token.
     *
     * @param source where the token count comes from (the spec, or a published benchmark)
     */
    public record ResponseLengthCase(String label, int tokens, String source, double joulesPerResponse,
            double lifetimeKwh, Double lifetimeG, Double breakEvenDays) {
    }
}
