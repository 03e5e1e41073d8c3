package io.greenwindow.plan;

import java.time.Instant;

/** What a team has already emitted, so that a policy's team budget can be enforced. The ledger implements it. */
@FunctionalInterface
public interface CarbonBudget {

    /** Nothing spent by anyone: for simulations and services without a ledger yet. */
    CarbonBudget NONE = (team, from, to) -> 0.0;

    /** kg CO2e emitted by {@code team}'s jobs over [from, to). */
    double spentKg(String team, Instant from, Instant to);
}
