package io.greenwindow.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static final Instant T0 = Instant.parse("2026-11-29T13:00:00Z");

    @Test
    void resample_fiveMinutesToFifteen_averagesEachThree() {
        List<Observation> obs = series(Duration.ofMinutes(5), 100.0, 110.0, 120.0, 200.0, 230.0, 260.0);
        List<SignalPoint> p = Resampler.resample(obs, Duration.ofMinutes(15), T0, T0.plus(Duration.ofHours(1)));
        // (100+110+120)/3 = 110; (200+230+260)/3 = 230
        assertThat(p).containsExactly(new SignalPoint(T0, 110, false),
                new SignalPoint(T0.plus(Duration.ofMinutes(15)), 230, false));
    }

    @Test
    void resample_hourToHalfHours_repeatsTheHourUnflagged() {
        List<Observation> obs = series(Duration.ofHours(1), 300.0, 400.0);
        List<SignalPoint> p = Resampler.resample(obs, Duration.ofMinutes(30), T0, T0.plus(Duration.ofHours(2)));
        assertThat(p).extracting(SignalPoint::gPerKwh).containsExactly(300.0, 300.0, 400.0, 400.0);
        assertThat(p).noneMatch(SignalPoint::filled);
    }

    @Test
    void resample_halfHoursToHour_isTheTimeWeightedMean() {
        // 13:00-13:30 at 100, 13:30-14:00 at 200, then a 15-minute 400 and a 45-minute 0 (mixed lengths).
        List<Observation> obs = List.of(
                new Observation(T0, Duration.ofMinutes(30), 100.0),
                new Observation(T0.plus(Duration.ofMinutes(30)), Duration.ofMinutes(30), 200.0),
                new Observation(T0.plus(Duration.ofMinutes(60)), Duration.ofMinutes(15), 400.0),
                new Observation(T0.plus(Duration.ofMinutes(75)), Duration.ofMinutes(45), 0.0));
        List<SignalPoint> p = Resampler.resample(obs, Duration.ofHours(1), T0, T0.plus(Duration.ofHours(2)));
        // 150 and (400×15 + 0×45)/60 = 100
        assertThat(p).extracting(SignalPoint::gPerKwh).containsExactly(150.0, 100.0);
    }

    @Test
    void resample_innerGap_isInterpolatedAndFlagged() {
        List<Observation> obs = series(Duration.ofHours(1), 100.0, null, null, 400.0);
        List<SignalPoint> p = Resampler.resample(obs, Duration.ofHours(1), T0, T0.plus(Duration.ofHours(4)));
        assertThat(p).containsExactly(
                new SignalPoint(T0, 100, false),
                new SignalPoint(T0.plus(Duration.ofHours(1)), 200, true),
                new SignalPoint(T0.plus(Duration.ofHours(2)), 300, true),
                new SignalPoint(T0.plus(Duration.ofHours(3)), 400, false));
    }

    @Test
    void resample_partlyCoveredInterval_usesTheKnownPartAndIsFlagged() {
        List<Observation> obs = List.of(new Observation(T0, Duration.ofMinutes(15), 120.0),
                new Observation(T0.plus(Duration.ofMinutes(15)), Duration.ofMinutes(15), null),
                new Observation(T0.plus(Duration.ofMinutes(30)), Duration.ofMinutes(30), 90.0));
        List<SignalPoint> p = Resampler.resample(obs, Duration.ofMinutes(30), T0, T0.plus(Duration.ofHours(1)));
        assertThat(p).containsExactly(new SignalPoint(T0, 120, true),
                new SignalPoint(T0.plus(Duration.ofMinutes(30)), 90, false));
    }

    @Test
    void resample_window_clipsToTheIntervalsTouchingIt() {
        List<Observation> obs = series(Duration.ofHours(1), 1.0, 2.0, 3.0, 4.0, 5.0);
        List<SignalPoint> p = Resampler.resample(obs, Duration.ofHours(1), T0.plus(Duration.ofMinutes(90)),
                T0.plus(Duration.ofMinutes(200)));
        assertThat(p).extracting(SignalPoint::gPerKwh).containsExactly(2.0, 3.0, 4.0);
    }

    @Test
    void resample_leadingAndTrailingUnknowns_areNotInvented() {
        List<Observation> obs = series(Duration.ofHours(1), null, 50.0, null);
        assertThat(Resampler.resample(obs, Duration.ofHours(1), T0, T0.plus(Duration.ofHours(3))))
                .containsExactly(new SignalPoint(T0.plus(Duration.ofHours(1)), 50, false));
        assertThat(Resampler.resample(series(Duration.ofHours(1), (Double) null), Duration.ofHours(1), T0,
                T0.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void floor_onTheUtcGrid() {
        assertThat(Resampler.floor(Instant.parse("2026-11-29T13:44:59Z"), Duration.ofMinutes(15)))
                .isEqualTo(Instant.parse("2026-11-29T13:30:00Z"));
    }

    @Test
    void lbsPerMwh_toGramsPerKwh_byTheExactPound() {
        assertThat(Units.lbsPerMwhToGPerKwh(1000)).isCloseTo(453.59237, within(1e-12));
        assertThat(Units.lbsPerMwhToGPerKwh(1)).isCloseTo(0.45359237, within(1e-15));
        assertThat(Units.lbsPerMwhToGPerKwh(0)).isZero();
    }

    private static List<Observation> series(Duration step, Double... values) {
        List<Observation> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(new Observation(T0.plus(step.multipliedBy(i)), step, values[i]));
        }
        return out;
    }
}
