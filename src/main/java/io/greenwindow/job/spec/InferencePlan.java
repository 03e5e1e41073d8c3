package io.greenwindow.job.spec;

/**
 * The {@code inference} section: how the trained model will be used, so that the ledger can project the carbon
 * of its inference against the carbon saved by waiting. {@code tokensPerResponse} is null for models that answer
 * with one output (classifiers); {@code pue} is null when the deployment's PUE is unknown. {@code servedAlongside}
 * is true when this model is served beside an earlier training run of the same name rather than replacing it.
 */
public record InferencePlan(double requestsPerDay, int lifetimeDays, Integer tokensPerResponse, String zone, Double pue,
        boolean servedAlongside) {

    /** A plan whose model replaces earlier runs of its name when deployed (the usual case). */
    public InferencePlan(double requestsPerDay, int lifetimeDays, Integer tokensPerResponse, String zone, Double pue) {
        this(requestsPerDay, lifetimeDays, tokensPerResponse, zone, pue, false);
    }

    public InferencePlan {
        if (requestsPerDay < 0 || lifetimeDays < 0) {
            throw new IllegalArgumentException("Requests per day " + requestsPerDay + " and lifetime " + lifetimeDays
                    + " days must be >= 0");
        }
    }
}
