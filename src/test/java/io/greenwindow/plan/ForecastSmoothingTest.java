package io.greenwindow.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ForecastSmoothingTest {

    private static final IntensityCurve FLAT_WITH_ONE_DIP = new IntensityCurve(0, 3600,
            new double[] {200, 200, 200, 190, 200, 200, 200, 200});

    @Test
    void smoothed_whenTheForecastIsExact_returnsTheSameCurve() {
        assertThat(ForecastSmoothing.smoothed(FLAT_WITH_ONE_DIP, 0)).isSameAs(FLAT_WITH_ONE_DIP);
    }

    @Test
    void smoothed_whenTheErrorIsTinyAgainstTheDip_keepsTheForecast() {
        // Smoothing would move the dip by about 7 g/kWh, far more than an error of σ = 0.1 explains.
        assertThat(ForecastSmoothing.smoothed(FLAT_WITH_ONE_DIP, 0.1)).isSameAs(FLAT_WITH_ONE_DIP);
    }

    @Test
    void smoothed_whenTheErrorIsAsLargeAsTheDip_spreadsIt() {
        IntensityCurve s = ForecastSmoothing.smoothed(FLAT_WITH_ONE_DIP, 10);

        assertThat(s.value(3)).isGreaterThan(190);
        assertThat(s.value(2)).isLessThan(200);
        assertThat(s.start()).isEqualTo(0);
        assertThat(s.step()).isEqualTo(3600);
    }

    @Test
    void trace_countsEachSlotsWeightOnItself_withTheEdgesCountingThemselvesTwice() {
        // One pass over 4 slots: the edges weigh themselves 2/3, the inner slots 1/3.
        assertThat(ForecastSmoothing.trace(4, 1)).isCloseTo(2 * 2 / 3.0 + 2 / 3.0, within(1e-12));
        assertThat(ForecastSmoothing.trace(5, 0)).isEqualTo(5);
    }
}
