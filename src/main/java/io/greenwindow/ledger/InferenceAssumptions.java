package io.greenwindow.ledger;

import java.util.Objects;

/**
 * What a job's spec expects of the trained model once deployed: requests per day over a lifetime in days, tokens
 * per response (null for a model that does not generate tokens), the deployment zone and its PUE (null = unknown,
 * then 1.0 with a warning). {@code servedAlongside}: the model is served beside earlier runs of its name, so
 * their deployments are not replaced and each lifetime counts.
 */
public record InferenceAssumptions(double requestsPerDay, int lifetimeDays, Integer tokensPerResponse,
        String zone, Double pue, boolean servedAlongside) {

    /** Assumptions of a model that replaces earlier runs of its name when deployed. */
    public InferenceAssumptions(double requestsPerDay, int lifetimeDays, Integer tokensPerResponse, String zone,
            Double pue) {
        this(requestsPerDay, lifetimeDays, tokensPerResponse, zone, pue, false);
    }


    public InferenceAssumptions {
        Objects.requireNonNull(zone, "zone");
        if (!Double.isFinite(requestsPerDay) || requestsPerDay < 0) {
            throw new IllegalArgumentException("requestsPerDay " + requestsPerDay + " must be finite and >= 0");
        }
        if (lifetimeDays < 1) {
            throw new IllegalArgumentException("lifetimeDays " + lifetimeDays + " must be >= 1");
        }
        if (tokensPerResponse != null && tokensPerResponse < 1) {
            throw new IllegalArgumentException("tokensPerResponse " + tokensPerResponse + " must be >= 1");
        }
        if (pue != null && !(pue >= 1.0 && Double.isFinite(pue))) {
            throw new IllegalArgumentException("pue " + pue + " must be >= 1.0");
        }
    }

    /** Requests over the whole deployment lifetime. */
    public double lifetimeRequests() {
        return requestsPerDay * lifetimeDays;
    }
}
