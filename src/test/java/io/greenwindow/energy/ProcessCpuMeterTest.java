package io.greenwindow.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a fake /proc: a command name with spaces and parentheses, CPU ticks, resident pages. */
class ProcessCpuMeterTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path proc;

    private void stat(long utime, long stime, long rssPages) throws IOException {
        Files.createDirectories(proc.resolve("4242"));
        // Fields 1..24: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime
        // stime cutime cstime priority nice threads itrealvalue starttime vsize rss
        Files.writeString(proc.resolve("4242/stat"), "4242 (java (train) x) S 1 1 1 0 -1 0 0 0 0 0 " + utime + " "
                + stime + " 0 0 20 0 30 0 100 1000000 " + rssPages + " 0 0\n");
    }

    @Test
    void read_cpuTicksAndResidentMemory_giveModelEnergyWithItsConstants() throws Exception {
        PowerModel model = new PowerModel(10.0, 0.5, 0);
        ProcessCpuMeter meter = new ProcessCpuMeter(proc, 4242, model, T0);
        stat(150, 50, 262_144); // 2 s of CPU, 1.073741824 GB resident

        meter.read(T0);
        List<MeterReading> later = meter.read(T0.plusSeconds(10));

        assertThat(later.get(0).component()).isEqualTo(Component.CPU);
        assertThat(later.get(0).joules()).isCloseTo(20.0, within(1e-9));
        assertThat(later.get(0).method()).isEqualTo(EnergyMethod.ESTIMATED_MODEL);
        assertThat(later.get(0).detail()).isEqualTo("process CPU time x 10.0 W/core (model)");
        assertThat(later.get(1).component()).isEqualTo(Component.RAM);
        assertThat(later.get(1).joules()).isCloseTo(1.073741824 * 0.5 * 10, within(1e-9));
        assertThat(later.get(1).detail()).isEqualTo("resident memory x 0.5 W/GB (model)");
    }

    @Test
    void readFinal_processAlreadyReaped_usesTheCpuTimeItReported() throws Exception {
        ProcessCpuMeter meter = new ProcessCpuMeter(proc, 4242, new PowerModel(10.0, 0, 0), T0);
        stat(100, 0, 0);
        meter.read(T0.plusSeconds(1));
        Files.delete(proc.resolve("4242/stat"));

        List<MeterReading> last = meter.readFinal(T0.plusSeconds(2), 1.7);

        assertThat(last.get(0).joules()).isCloseTo(17.0, within(1e-9));
    }

    @Test
    void cpuShare_jobUsedHalfOfTheBusyTicks_isHalf() throws Exception {
        Files.writeString(proc.resolve("stat"), "cpu  100 0 100 1000 50 0 0 0 0 0\ncpu0 1 1 1 1\n");
        stat(0, 0, 0);
        CpuShare share = new CpuShare(proc, 4242);
        Files.writeString(proc.resolve("stat"), "cpu  250 0 150 9000 70 0 0 0 0 0\n"); // busy +200, idle ignored
        stat(80, 20, 0); // job +100

        assertThat(share.getAsDouble()).isCloseTo(0.5, within(1e-12));
    }
}
