package io.greenwindow.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LedgerSettingsTest {

    @Test
    void fromEnvironment_nothingSet_isTheDefault() {
        assertThat(LedgerSettings.fromEnvironment(Map.of())).isEqualTo(LedgerSettings.DEFAULT);
        assertThat(LedgerSettings.fromEnvironment(Map.of("GREENWINDOW_EMBODIED_KGCO2E", " "))).isEqualTo(LedgerSettings.DEFAULT);
    }

    @Test
    void fromEnvironment_allThree_setTheEmbodiedTerm() {
        LedgerSettings s = LedgerSettings.fromEnvironment(Map.of("GREENWINDOW_EMBODIED_KGCO2E", "1200.5",
                "GREENWINDOW_HARDWARE_LIFESPAN_DAYS", " 1095 ", "GREENWINDOW_EMBODIED_SHARE", "0.25"));

        assertThat(s.embodiedKgCo2e()).isEqualTo(1200.5);
        assertThat(s.hardwareLifespan()).isEqualTo(Duration.ofDays(1095));
        assertThat(s.shareReserved()).isEqualTo(0.25);
        assertThat(s.embodiedConfigured()).isTrue();
        assertThat(s.deploymentIntensityWindow()).isEqualTo(LedgerSettings.DEFAULT_DEPLOYMENT_INTENSITY_WINDOW);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GREENWINDOW_EMBODIED_KGCO2E|lots|GREENWINDOW_EMBODIED_KGCO2E is 'lots': it must be a number of kg CO2e >= 0",
        "GREENWINDOW_EMBODIED_KGCO2E|-5|GREENWINDOW_EMBODIED_KGCO2E is '-5': it must be a number of kg CO2e >= 0",
        "GREENWINDOW_EMBODIED_KGCO2E|NaN|GREENWINDOW_EMBODIED_KGCO2E is 'NaN'",
        "GREENWINDOW_HARDWARE_LIFESPAN_DAYS|4y|GREENWINDOW_HARDWARE_LIFESPAN_DAYS is '4y': it must be a whole number of days > 0",
        "GREENWINDOW_HARDWARE_LIFESPAN_DAYS|0|GREENWINDOW_HARDWARE_LIFESPAN_DAYS is '0'",
        "GREENWINDOW_HARDWARE_LIFESPAN_DAYS|1460.5|GREENWINDOW_HARDWARE_LIFESPAN_DAYS is '1460.5'",
        "GREENWINDOW_EMBODIED_SHARE|1.5|GREENWINDOW_EMBODIED_SHARE is '1.5': it must be a share in (0, 1]",
        "GREENWINDOW_EMBODIED_SHARE|0|GREENWINDOW_EMBODIED_SHARE is '0'",
        "GREENWINDOW_EMBODIED_SHARE|25%|GREENWINDOW_EMBODIED_SHARE is '25%'",
    })
    void fromEnvironment_badValue_namesTheVariableAndWhatItMustBe(String name, String value, String message) {
        assertThatThrownBy(() -> LedgerSettings.fromEnvironment(Map.of(name, value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }
}
