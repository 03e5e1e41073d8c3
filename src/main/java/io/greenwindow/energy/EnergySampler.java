package io.greenwindow.energy;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads a job's meters on a fixed interval (at most 60 s) and appends every sample durably to its log. The
 * samples, binned by {@link EnergyBinner}, become the segment's energy report.
 */
public final class EnergySampler implements AutoCloseable {

    public static final Duration MAX_INTERVAL = Duration.ofSeconds(60);

    private final List<EnergyMeter> meters;
    private final EnergySampleLog log;
    private final Clock clock;
    private final List<EnergySample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer;
    private volatile String lastError;

    public EnergySampler(List<EnergyMeter> meters, EnergySampleLog log, Clock clock, Duration interval) {
        if (interval.compareTo(MAX_INTERVAL) > 0 || interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("Sampling interval " + interval + " must be in (0, " + MAX_INTERVAL + "]");
        }
        this.meters = List.copyOf(meters);
        this.log = log;
        this.clock = clock;
        sample();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "energy-sampler");
            t.setDaemon(true);
            return t;
        });
        long ms = interval.toMillis();
        timer.scheduleAtFixedRate(this::sample, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Stops sampling and records the final readings, which the caller takes from meters that know the end best. */
    public synchronized List<EnergySample> finish(java.time.Instant at, List<MeterReading> finalReadings) {
        timer.shutdownNow();
        EnergySample last = new EnergySample(at, finalReadings);
        samples.add(last);
        try {
            log.appendFinal(last);
        } catch (IOException e) {
            lastError = "energy log: " + e.getMessage();
        }
        return List.copyOf(samples);
    }

    /** Why the last sample failed, or null; a failing meter never stops the job, but it is reported. */
    public String lastError() {
        return lastError;
    }

    private synchronized void sample() {
        List<MeterReading> readings = new ArrayList<>();
        var at = clock.instant();
        for (EnergyMeter meter : meters) {
            try {
                readings.addAll(meter.read(at));
            } catch (RuntimeException e) {
                lastError = meter.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }
        record(new EnergySample(at, readings));
    }

    private void record(EnergySample sample) {
        samples.add(sample);
        try {
            log.append(sample);
        } catch (IOException e) {
            lastError = "energy log: " + e.getMessage();
        }
    }

    @Override
    public void close() throws IOException {
        timer.shutdownNow();
        log.close();
    }
}
