package io.greenwindow.api;

/**
 * A grid request that cannot be answered, with its HTTP status and a sentence for the caller; answered by
 * {@link ErrorResponses}.
 */
final class CarbonAwareProblem extends RuntimeException {

    private final int status;

    CarbonAwareProblem(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
