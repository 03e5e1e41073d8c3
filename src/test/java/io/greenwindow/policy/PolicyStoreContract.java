package io.greenwindow.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.greenwindow.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link JdbcPolicyStore}, run on H2 and on a real PostgreSQL by the subclasses. */
abstract class PolicyStoreContract {

    static final Instant T0 = Instant.parse("2026-03-02T10:15:30Z");

    private Database db;
    private PolicyStore store;

    abstract Database open();

    @BeforeEach
    void setUp() {
        db = open();
        store = new JdbcPolicyStore(db, Clock.fixed(T0, ZoneOffset.UTC));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private static PolicyRules rules(double threshold) {
        return new PolicyRules(threshold, 25.0, Duration.ofHours(12), List.of("DE", "FR"), Map.of("vision", 120.5),
                false, Duration.ofMinutes(3), Duration.ofMinutes(45), 6, Fallback.LATEST_START, 0.1, Duration.ofMinutes(20), 0.05);
    }

    @Test
    void publish_twice_makesTwoVersionsAndKeepsTheFirst() {
        store.publish("default", rules(100));
        Policy second = store.publish("default", rules(80));

        assertThat(second.version()).isEqualTo(2);
        assertThat(store.current("default")).contains(second);
        assertThat(store.history("default")).extracting(p -> p.rules().absoluteThresholdGPerKwh()).containsExactly(100.0, 80.0);
    }

    @Test
    void publish_recordsEachVersionsAuthor_andOlderCallersLeaveItUnknown() {
        store.publish("default", rules(100));
        store.publish("default", rules(80), "carol (admin)");

        assertThat(store.history("default")).extracting(Policy::author).containsExactly(null, "carol (admin)");
        assertThat(store.current("default").orElseThrow().author()).isEqualTo("carol (admin)");
    }

    @Test
    void current_roundTripsEveryRuleAndTheInstant() {
        store.publish("vision", rules(90));

        Policy read = store.current("vision").orElseThrow();

        assertThat(read.rules()).isEqualTo(rules(90));
        assertThat(read.createdAt()).isEqualTo(T0);
        assertThat(read.label()).isEqualTo("vision@1");
    }

    @Test
    void currentAll_listsTheLatestVersionOfEachName() {
        store.publish("default", rules(100));
        store.publish("default", rules(90));
        store.publish("vision", rules(50));

        assertThat(store.currentAll()).extracting(Policy::label).containsExactly("default@2", "vision@1");
    }

    @Test
    void effectiveFor_teamWithoutPolicy_getsTheDefaultOrTheBuiltIn() {
        assertThat(store.effectiveFor("nlp")).isEqualTo(Policy.BUILT_IN);
        store.publish("default", rules(100));
        store.publish("vision", rules(50));

        assertThat(store.effectiveFor("nlp").label()).isEqualTo("default@1");
        assertThat(store.effectiveFor("vision").label()).isEqualTo("vision@1");
    }

    @Test
    void publish_badName_isRefusedWithTheName() {
        assertThatThrownBy(() -> store.publish("bad name!", PolicyRules.DEFAULT))
                .hasMessageContaining("'bad name!'");
        assertThat(store.current("unknown")).isEmpty();
    }
}
