package io.greenwindow.ledger;

import io.greenwindow.policy.Policy;
import io.greenwindow.policy.PolicyStore;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Team budgets read from the admins' policies, as the planner reads them: the team's own policy when there is
 * one, else the {@value PolicyStore#DEFAULT_NAME} one. For a month, the version in force at the month's end is
 * used (for the month under way, the latest), so that a budget an admin sets in December does not rewrite
 * November's report. A team the policy gives no budget falls back to {@code fallback} (the ledger's settings).
 */
public final class PolicyBudgets implements TeamBudgets {

    private final PolicyStore policies;
    private final TeamBudgets fallback;

    public PolicyBudgets(PolicyStore policies, TeamBudgets fallback) {
        this.policies = Objects.requireNonNull(policies, "policies");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    @Override
    public Optional<TeamBudget> monthly(String team, YearMonth month) {
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Optional<Policy> own = team != null && PolicyStore.NAME.matcher(team).matches()
                ? inForce(team, end) : Optional.empty();
        Optional<Policy> policy = own.isPresent() ? own : inForce(PolicyStore.DEFAULT_NAME, end);
        if (policy.isPresent()) {
            Double kg = policy.get().rules().teamBudgetsKgPerMonth().get(team);
            if (kg != null) {
                return Optional.of(new TeamBudget(kg, "policy " + policy.get().label() + ", published "
                        + policy.get().createdAt()));
            }
        }
        String why = policy.map(p -> "policy " + p.label() + " sets none for " + team)
                .orElse("no policy was in force by the end of " + month);
        return fallback.monthly(team, month).map(b -> new TeamBudget(b.kg(), b.source() + ", as " + why));
    }

    private Optional<Policy> inForce(String name, Instant end) {
        List<Policy> versions = policies.history(name);
        Policy found = null;
        for (Policy p : versions) {
            if (p.createdAt().isBefore(end)) {
                found = p;
            }
        }
        return Optional.ofNullable(found);
    }
}
