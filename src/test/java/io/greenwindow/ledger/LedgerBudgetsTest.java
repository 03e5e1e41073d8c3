package io.greenwindow.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.grid.SettableClock;
import io.greenwindow.policy.InMemoryPolicyStore;
import io.greenwindow.policy.PolicyRules;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sample ledger's team vision emitted 216 g in 2026-11; its settings give it a 1 kg budget. */
class LedgerBudgetsTest {

    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

    private final Database db = TestDatabases.h2();
    private final Ledger ledger = SampleLedger.populate(db);
    private final SettableClock clock = SettableClock.at("2026-11-01T09:00:00Z");
    private final InMemoryPolicyStore policies = new InMemoryPolicyStore(clock);

    @AfterEach
    void close() {
        db.close();
    }

    private static PolicyRules budgets(Map<String, Double> kg) {
        return new PolicyRules(null, null, null, null, kg, true, null, null, PolicyRules.DEFAULT_MAX_PAUSES, null,
                PolicyRules.DEFAULT_REPLAN_MIN_IMPROVEMENT, null);
    }

    @Test
    void monthly_defaultPolicyHasTeamBudget_usesItAndNamesTheVersion() {
        policies.publish("default", budgets(Map.of("vision", 0.5)));

        MonthlyReport r = new MonthlyReports(ledger, policies).of("vision", NOVEMBER);

        // 216 g of 500 g.
        assertThat(r.budgetKg()).isEqualTo(0.5);
        assertThat(r.budgetUsedShare()).isCloseTo(0.432, within(1e-12));
        assertThat(r.budgetSource()).isEqualTo("policy default@1, published 2026-11-01T09:00:00Z");
        assertThat(LedgerTable.monthly(r)).contains("budget     43.2% used of 500 gCO2e; from policy default@1");
    }

    @Test
    void monthly_teamsOwnPolicy_winsOverDefaultAsForThePlanner() {
        policies.publish("default", budgets(Map.of("vision", 0.5)));
        policies.publish("vision", budgets(Map.of("vision", 2.0)));

        MonthlyReport r = new MonthlyReports(ledger, policies).of("vision", NOVEMBER);

        assertThat(r.budgetKg()).isEqualTo(2.0);
        assertThat(r.budgetSource()).startsWith("policy vision@1");
    }

    @Test
    void monthly_budgetPublishedAfterTheMonth_isNotAppliedToIt() {
        policies.publish("default", budgets(Map.of("vision", 0.5)));
        clock.set(Instant.parse("2026-12-01T00:00:00Z"));
        policies.publish("default", budgets(Map.of("vision", 0.1)));

        MonthlyReport november = new MonthlyReports(ledger, policies).of("vision", NOVEMBER);
        MonthlyReport december = new MonthlyReports(ledger, policies).of("vision", NOVEMBER.plusMonths(1));

        assertThat(november.budgetKg()).isEqualTo(0.5);
        assertThat(november.budgetSource()).startsWith("policy default@1");
        assertThat(december.budgetKg()).isEqualTo(0.1);
    }

    @Test
    void monthly_policyWithoutTeamBudget_fallsBackToSettingsAndSaysWhy() {
        policies.publish("default", budgets(Map.of("nlp", 3.0)));

        MonthlyReport r = new MonthlyReports(ledger, policies).of("vision", NOVEMBER);

        assertThat(r.budgetKg()).isEqualTo(1.0);
        assertThat(r.budgetSource()).isEqualTo("ledger settings, as policy default@1 sets none for vision");
    }

    @Test
    void monthly_noPolicyStoreOrNoBudgetAnywhere_saysNoneConfigured() {
        MonthlyReport settingsOnly = new MonthlyReports(ledger, (io.greenwindow.policy.PolicyStore) null).of("vision", NOVEMBER);
        MonthlyReport none = new MonthlyReports(ledger, policies).of("nlp", NOVEMBER);

        assertThat(settingsOnly.budgetKg()).isEqualTo(1.0);
        assertThat(settingsOnly.budgetSource()).isEqualTo("ledger settings");
        assertThat(none.budgetKg()).isNull();
        assertThat(LedgerTable.monthly(none)).contains("budget     none configured");
        assertThat(none.notes()).contains("No carbon budget is configured for team nlp");
    }

    @Test
    void monthly_zeroBudget_saysAnyEmissionIsOver() {
        policies.publish("default", budgets(Map.of("vision", 0.0)));

        MonthlyReport r = new MonthlyReports(ledger, policies).of("vision", NOVEMBER);

        assertThat(r.budgetUsedShare()).isNull();
        assertThat(LedgerTable.budget(r)).startsWith("0 gCO2e allowed: any emission is over it");
    }

    @Test
    void inventoryKg_asThePlannersCarbonBudget_countsEachJobOnceAndPendingAsNothing() {
        io.greenwindow.plan.CarbonBudget spent = ledger::inventoryKg;
        Instant from = Instant.parse("2026-11-01T00:00:00Z");

        // vision: job-1 216 g (its segment entry is covered by the job entry), job-2 pending.
        assertThat(spent.spentKg("vision", from, SampleLedger.NOW)).isCloseTo(0.216, within(1e-12));
        // nlp: job-3 1 kWh in the 400 g hour.
        assertThat(spent.spentKg("nlp", from, SampleLedger.NOW)).isCloseTo(0.4, within(1e-12));
        assertThat(spent.spentKg("vision", from, from)).isZero();
        assertThat(spent.spentKg("nobody", from, SampleLedger.NOW)).isZero();
    }
}
