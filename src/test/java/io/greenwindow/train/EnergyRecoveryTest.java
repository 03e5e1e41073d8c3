package io.greenwindow.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.greenwindow.energy.Component;
import io.greenwindow.energy.EnergyMethod;
import io.greenwindow.energy.EnergyReport;
import io.greenwindow.energy.EnergySample;
import io.greenwindow.energy.EnergySampleLog;
import io.greenwindow.energy.MeterReading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnergyRecoveryTest {

    @TempDir
    Path work;

    @Test
    void unreported_logLeftByADeadService_becomesAReportOnceOnly() throws Exception {
        // GIVEN a segment's log whose service died before building the outcome
        Instant t0 = Instant.parse("2026-11-29T10:10:00Z");
        try (EnergySampleLog log = new EnergySampleLog(work.resolve("energy-" + t0.toEpochMilli() + ".csv"))) {
            log.append(new EnergySample(t0, List.of(cpu(0))));
            log.append(new EnergySample(t0.plusSeconds(600), List.of(cpu(7200))));
        }
        Files.writeString(work.resolve("energy-1.reported.csv"), "1;CPU;ESTIMATED_MODEL;5.0;already counted\n");

        // WHEN the restarted service asks for unreported energy
        List<EnergyReport> reports = EnergyRecovery.unreported(work, TrainingLauncherTest.cpuNode(),
                Duration.ofMinutes(15));

        // THEN it gets that segment, binned, and the next call gets nothing
        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.start()).isEqualTo(t0);
            assertThat(r.bins()).hasSize(2);
            assertThat(r.itKwh()).isCloseTo(7200 / 3.6e6, within(1e-12));
            assertThat(r.pue()).isEqualTo(1.2);
        });
        assertThat(EnergyRecovery.unreported(work, TrainingLauncherTest.cpuNode(), Duration.ofMinutes(15))).isEmpty();
    }

    private static MeterReading cpu(double joules) {
        return new MeterReading(Component.CPU, joules, EnergyMethod.ESTIMATED_MODEL, "model");
    }
}
