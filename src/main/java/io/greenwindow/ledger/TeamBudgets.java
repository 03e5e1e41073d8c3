package io.greenwindow.ledger;

import java.time.YearMonth;
import java.util.Optional;

/**
 * Where a team's monthly carbon budget comes from, for the "budget used" of a {@link MonthlyReport}: the admins'
 * policies ({@link PolicyBudgets}) or the ledger's own settings ({@link #of(LedgerSettings)}).
 */
@FunctionalInterface
public interface TeamBudgets {

    /** The budget of {@code team} for {@code month} (UTC), or empty when it has none. */
    Optional<TeamBudget> monthly(String team, YearMonth month);

    /**
     * One team's budget for a month.
     *
     * @param kg kg CO2e the team may emit in the month
     * @param source where it was read, for the report ("policy vision@3, published 2026-11-02T09:00:00Z")
     */
    record TeamBudget(double kg, String source) {

        public TeamBudget {
            if (!(kg >= 0) || !Double.isFinite(kg)) {
                throw new IllegalArgumentException("Budget " + kg + " kgCO2e must be finite and >= 0");
            }
            source = source == null ? "" : source;
        }
    }

    /** The budgets of {@link LedgerSettings#teamMonthlyBudgetsKg()}, the same every month. */
    static TeamBudgets of(LedgerSettings settings) {
        return (team, month) -> Optional.ofNullable(settings.teamMonthlyBudgetsKg().get(team))
                .map(kg -> new TeamBudget(kg, "ledger settings"));
    }
}
