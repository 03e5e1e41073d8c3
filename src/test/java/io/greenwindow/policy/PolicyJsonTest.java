package io.greenwindow.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PolicyJsonTest {

    @Test
    void minSavingToHold_writtenAndReadBack_isTheSame() {
        PolicyRules rules = PolicyRules.DEFAULT.withMinSavingToHold(0.05);

        String json = PolicyJson.write(rules);

        assertThat(json).contains("\"minSavingToHold\":0.05");
        assertThat(PolicyJson.readStored(json)).isEqualTo(rules);
    }

    @Test
    void readUpdate_onlyMinSavingToHold_keepsTheDefaultsForTheRest() {
        PolicyRules rules = PolicyJson.readUpdate("{\"minSavingToHold\": 0.05}");

        assertThat(rules).isEqualTo(PolicyRules.DEFAULT.withMinSavingToHold(0.05));
    }

    @Test
    void readStored_rowWrittenBeforeMinSavingToHoldExisted_holdsForAnySaving() {
        String old = PolicyJson.write(PolicyRules.DEFAULT).replace(",\"minSavingToHold\":0.0", "");

        assertThat(old).doesNotContain("minSavingToHold");
        assertThat(PolicyJson.readStored(old)).isEqualTo(PolicyRules.DEFAULT);
        assertThat(PolicyRules.DEFAULT.minSavingToHold()).isZero();
    }

    @Test
    void readUpdate_minSavingToHoldOutOfRange_namesTheFieldAndTheValue() {
        assertThatThrownBy(() -> PolicyJson.readUpdate("{\"minSavingToHold\": 1.5}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Bad policy minSavingToHold: must be within [0, 1), got 1.5");
        assertThatThrownBy(() -> PolicyJson.readUpdate("{\"minSavingToHold\": 1}"))
                .hasMessageEndingWith("minSavingToHold: must be within [0, 1), got 1.0");
        assertThatThrownBy(() -> PolicyJson.readUpdate("{\"minSavingToHold\": -0.1}"))
                .hasMessageEndingWith("minSavingToHold: must be within [0, 1), got -0.1");
        assertThatThrownBy(() -> PolicyRules.DEFAULT.withMinSavingToHold(Double.NaN))
                .hasMessage("minSavingToHold: must be within [0, 1), got NaN");
    }
}
