package io.greenwindow.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ForecastSmoothingTest {

    private static final IntensityCurve ZIGZAG = new IntensityCurve(0, 3600, new double[] {100, 140, 100, 140, 100, 140});

    @Test
    void smoothed_whenTheForecastIsExact_returnsTheSameCurve() {
        assertThat(ForecastSmoothing.smoothed(ZIGZAG, 0)).isSameAs(ZIGZAG);
    }

    @Test
    void weight_whenTheErrorExplainsAllRoughness_isCappedAtOneThird() {
        // Second differences of the zigzag are ±80 (variance 6400 around their mean); 6σ² = 9600 exceeds it.
        assertThat(ForecastSmoothing.weight(ZIGZAG, 40)).isEqualTo(ForecastSmoothing.MAX_WEIGHT);
    }

    @Test
    void weight_whenTheErrorIsSmall_isTwoSigmaSquaredOverTheVarianceOfSecondDifferences() {
        assertThat(ForecastSmoothing.weight(ZIGZAG, 10)).isCloseTo(2 * 100 / 6400.0, within(1e-12));
    }

    @Test
    void smoothed_pullsEachSlotTowardsItsNeighbours_andAnEdgeTowardsItsOneNeighbour() {
        IntensityCurve s = ForecastSmoothing.smoothed(ZIGZAG, 40);

        // w = 1/3: inside, (140 + 100 + 140) / 3; at the first slot 100 + (140 - 100) / 3.
        assertThat(s.value(2)).isCloseTo(380 / 3.0, within(1e-9));
        assertThat(s.value(0)).isCloseTo(100 + 40 / 3.0, within(1e-9));
        assertThat(s.start()).isEqualTo(ZIGZAG.start());
        assertThat(s.step()).isEqualTo(ZIGZAG.step());
    }
}
