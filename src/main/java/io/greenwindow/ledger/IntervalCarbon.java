package io.greenwindow.ledger;

import java.time.Instant;

/**
 * The carbon of one signal interval: the facility energy that fell into it, the intensity in force, and their
 * product. {@code filled} marks an intensity the provider did not give.
 */
public record IntervalCarbon(Instant start, Instant end, double facilityKwh, double gPerKwh, double gCo2e,
        boolean filled) {
}
