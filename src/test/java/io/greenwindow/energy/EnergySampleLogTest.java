package io.greenwindow.energy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnergySampleLogTest {

    @TempDir
    Path tmp;

    @Test
    void read_afterCrashMidLine_returnsEveryWholeSample() throws Exception {
        Path file = tmp.resolve("energy.csv");
        try (EnergySampleLog log = new EnergySampleLog(file)) {
            log.append(new EnergySample(Instant.ofEpochMilli(1000), List.of(
                    new MeterReading(Component.CPU, 1.5, EnergyMethod.ESTIMATED_MODEL, "model; 12 W/core"),
                    new MeterReading(Component.RAM, 0.25, EnergyMethod.ESTIMATED_MODEL, "ram"))));
            log.append(new EnergySample(Instant.ofEpochMilli(2000), List.of(
                    new MeterReading(Component.CPU, 3.0, EnergyMethod.ESTIMATED_MODEL, "model; 12 W/core"))));
        }
        Files.writeString(file, "3000;CPU;ESTIMATED_MO", StandardOpenOption.APPEND);

        List<EnergySample> samples = EnergySampleLog.read(file);

        assertThat(samples).extracting(EnergySample::at)
                .containsExactly(Instant.ofEpochMilli(1000), Instant.ofEpochMilli(2000));
        assertThat(samples.get(0).readings()).hasSize(2);
        assertThat(samples.get(0).readings().get(0).detail()).isEqualTo("model, 12 W/core");
        assertThat(samples.get(1).readings().get(0).joules()).isEqualTo(3.0);
    }

    @Test
    void sampler_runningMeter_logsEverySampleDurablyAndFinishes() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        EnergyMeter meter = at -> List.of(new MeterReading(Component.CPU, calls.incrementAndGet(),
                EnergyMethod.ESTIMATED_MODEL, "counting"));
        Path file = tmp.resolve("s.csv");
        // Every sample, the final one too, at one instant: the log must still keep them apart (reproduction 10
        // of issue 10: a final reading in the same millisecond as the last periodic one merged into it).
        Instant instant = Instant.parse("2026-11-02T10:00:00Z");
        EnergySampler sampler = new EnergySampler(List.of(meter), new EnergySampleLog(file),
                Clock.fixed(instant, java.time.ZoneOffset.UTC), Duration.ofMillis(20));
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (calls.get() < 4 && System.nanoTime() < until) {
            Thread.sleep(10);
        }

        List<EnergySample> samples = sampler.finish(instant, List.of(
                new MeterReading(Component.CPU, 100, EnergyMethod.ESTIMATED_MODEL, "counting")));
        sampler.close();

        assertThat(samples.size()).isGreaterThanOrEqualTo(5);
        assertThat(samples.get(samples.size() - 1).readings().get(0).joules()).isEqualTo(100);
        assertThat(EnergySampleLog.read(file)).isEqualTo(samples);
    }

    @Test
    void read_sampleCutMidWrite_isLeftOut_wholeSamplesKept() throws Exception {
        Path file = tmp.resolve("torn.csv");
        Instant t0 = Instant.parse("2026-11-02T10:00:00Z");
        try (EnergySampleLog log = new EnergySampleLog(file)) {
            log.append(new EnergySample(t0, List.of(new MeterReading(Component.CPU, 1, EnergyMethod.ESTIMATED_MODEL, "a"))));
            log.append(new EnergySample(t0.plusSeconds(10), List.of(
                    new MeterReading(Component.CPU, 2, EnergyMethod.ESTIMATED_MODEL, "a"))));
        }
        // A crash after the first line of a two-line sample: no closing line.
        Files.writeString(file, (t0.plusSeconds(20).toEpochMilli()) + ";CPU;ESTIMATED_MODEL;3.0;a\n",
                java.nio.file.StandardOpenOption.APPEND);

        List<EnergySample> samples = EnergySampleLog.read(file);

        assertThat(samples).extracting(EnergySample::at).containsExactly(t0, t0.plusSeconds(10));
    }

    @Test
    void sampler_intervalOverAMinute_isRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EnergySampler(List.of(),
                new EnergySampleLog(tmp.resolve("x.csv")), Clock.systemUTC(), Duration.ofSeconds(61)))
                .hasMessage("Sampling interval PT1M1S must be in (0, PT1M]");
    }
}
