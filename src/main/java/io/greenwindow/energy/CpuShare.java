package io.greenwindow.energy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.DoubleSupplier;

/**
 * A process's share of the node's busy CPU time since the previous call, from {@code /proc/<pid>/stat} and the
 * aggregate {@code cpu} line of {@code /proc/stat}: how node-wide RAPL energy is attributed to one job.
 */
public final class CpuShare implements DoubleSupplier {

    private final Path nodeStat;
    private final Path processStat;
    private long lastBusy;
    private long lastJob;
    private double lastShare = 1.0;

    public CpuShare(Path procRoot, long pid) {
        this.nodeStat = procRoot.resolve("stat");
        this.processStat = procRoot.resolve(Long.toString(pid)).resolve("stat");
        this.lastBusy = busyTicks();
        this.lastJob = jobTicks();
    }

    @Override
    public synchronized double getAsDouble() {
        long busy = busyTicks();
        long job = jobTicks();
        if (busy > lastBusy && job >= 0) {
            lastShare = Math.min(1.0, (job - lastJob) / (double) (busy - lastBusy));
            lastBusy = busy;
            lastJob = job;
        }
        return lastShare;
    }

    private long busyTicks() {
        try {
            String line = Files.readAllLines(nodeStat).get(0);
            String[] f = line.trim().split("\\s+");
            long busy = 0;
            // cpu user nice system idle iowait irq softirq steal ...: everything but idle and iowait is busy.
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return lastBusy;
        }
    }

    private long jobTicks() {
        try {
            String stat = Files.readString(processStat);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return lastJob;
        }
    }
}
