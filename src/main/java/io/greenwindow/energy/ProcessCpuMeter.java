package io.greenwindow.energy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Estimates a process's energy from its CPU time ({@code /proc/<pid>/stat} utime + stime) times watts per core,
 * plus its resident memory times watts per GB integrated over time. Labelled ESTIMATED_MODEL with its constants.
 */
public final class ProcessCpuMeter implements EnergyMeter {

    /** USER_HZ is 100 on every Linux architecture the JVM runs on; the kernel fixes it for user space. */
    static final double TICKS_PER_SECOND = 100.0;
    static final long PAGE_BYTES = 4096;

    private final Path statFile;
    private final PowerModel model;
    private double cpuSeconds;
    private double ramJoules;
    private Instant lastAt;
    private double lastRssGb;

    public ProcessCpuMeter(Path procRoot, long pid, PowerModel model, Instant start) {
        this.statFile = procRoot.resolve(Long.toString(pid)).resolve("stat");
        this.model = model;
        this.lastAt = start;
    }

    @Override
    public synchronized List<MeterReading> read(Instant at) {
        readStat();
        return readings(at);
    }

    /**
     * The last reading, with the CPU time the process reported itself as it exited ({@code /proc} forgets a
     * process as soon as it is reaped, so the final interval would otherwise be lost).
     */
    public synchronized List<MeterReading> readFinal(Instant at, double reportedCpuSeconds) {
        readStat();
        cpuSeconds = Math.max(cpuSeconds, reportedCpuSeconds);
        return readings(at);
    }

    public synchronized double cpuSeconds() {
        return cpuSeconds;
    }

    private List<MeterReading> readings(Instant at) {
        if (at.isAfter(lastAt)) {
            ramJoules += lastRssGb * model.wattsPerGb() * Duration.between(lastAt, at).toNanos() / 1e9;
            lastAt = at;
        }
        return List.of(
                new MeterReading(Component.CPU, cpuSeconds * model.wattsPerCore(), EnergyMethod.ESTIMATED_MODEL,
                        model.describeCpu()),
                new MeterReading(Component.RAM, ramJoules, EnergyMethod.ESTIMATED_MODEL, model.describeRam()));
    }

    private void readStat() {
        String stat;
        try {
            stat = Files.readString(statFile);
        } catch (IOException gone) {
            return; // the process has exited and been reaped: keep the last values
        }
        // The command name (field 2) may hold spaces and parentheses: fields are counted after the last ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // After ')': f[0] is field 3 (state); utime = field 14, stime = field 15, rss = field 24 (pages).
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        cpuSeconds = Math.max(cpuSeconds, ticks / TICKS_PER_SECOND);
        lastRssGb = Long.parseLong(f[21]) * PAGE_BYTES / 1e9;
    }
}
