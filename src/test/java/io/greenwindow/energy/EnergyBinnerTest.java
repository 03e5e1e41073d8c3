package io.greenwindow.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnergyBinnerTest {

    private static final Duration STEP = Duration.ofMinutes(15);

    private static EnergySample sample(String at, double cpuJoules, double gpuJoules) {
        return new EnergySample(Instant.parse(at), List.of(
                new MeterReading(Component.CPU, cpuJoules, EnergyMethod.ESTIMATED_MODEL, "cpu model"),
                new MeterReading(Component.GPU, gpuJoules, EnergyMethod.MEASURED_NVML, "GPU 0")));
    }

    @Test
    void bin_intervalAcrossABoundary_splitsEnergyByTimeOntoAlignedBins() {
        List<EnergyBin> bins = EnergyBinner.bin(List.of(
                sample("2026-11-29T10:05:00Z", 0, 0),
                sample("2026-11-29T10:25:00Z", 1200, 3600)), STEP);

        assertThat(bins).extracting(EnergyBin::start).containsExactly(
                Instant.parse("2026-11-29T10:00:00Z"), Instant.parse("2026-11-29T10:15:00Z"));
        assertThat(bins.get(0).end()).isEqualTo(Instant.parse("2026-11-29T10:15:00Z"));
        assertThat(bins.get(0).kwh()).isCloseTo((600 + 1800) / 3.6e6, within(1e-15));
        assertThat(bins.get(1).kwh()).isCloseTo((600 + 1800) / 3.6e6, within(1e-15));
        assertThat(bins.get(0).components()).extracting(ComponentEnergy::method)
                .containsExactly(EnergyMethod.ESTIMATED_MODEL, EnergyMethod.MEASURED_NVML);
    }

    @Test
    void bin_manySamples_conservesTotalEnergy() {
        List<EnergyBin> bins = EnergyBinner.bin(List.of(
                sample("2026-11-29T10:01:00Z", 0, 0),
                sample("2026-11-29T10:14:59Z", 100, 0),
                sample("2026-11-29T10:44:00Z", 400, 50),
                sample("2026-11-29T11:02:00Z", 1000, 70)), STEP);

        assertThat(bins).hasSize(5);
        assertThat(bins.stream().mapToDouble(EnergyBin::kwh).sum()).isCloseTo(1070 / 3.6e6, within(1e-15));
    }

    @Test
    void bin_clockStandingStill_putsEnergyInTheBinOfThatInstant() {
        List<EnergyBin> bins = EnergyBinner.bin(List.of(
                sample("2026-11-29T10:20:00Z", 0, 0),
                sample("2026-11-29T10:20:00Z", 360, 0)), STEP);

        assertThat(bins).singleElement().satisfies(b -> {
            assertThat(b.start()).isEqualTo(Instant.parse("2026-11-29T10:15:00Z"));
            assertThat(b.kwh()).isCloseTo(1e-4, within(1e-15));
        });
    }

    @Test
    void bin_nonPositiveStep_isRefusedWithTheValue() {
        assertThatThrownBy(() -> EnergyBinner.bin(List.of(), Duration.ZERO))
                .hasMessage("Bin step PT0S must be positive");
    }
}
