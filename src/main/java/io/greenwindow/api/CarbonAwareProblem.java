package io.greenwindow.api;

/**
 * A grid request that cannot be answered, with its HTTP status and a sentence for the caller. Caught by
 * {@link GridApi}'s routes themselves, so the grid routes answer the same way whatever else the server maps.
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
