package io.greenwindow.train;

import io.greenwindow.energy.EnergySampler;
import io.greenwindow.energy.Nvml;
import io.greenwindow.energy.Rapl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the launcher's meters look and how often they sample; tests point the paths at fake trees and a fake
 * NVML library. The interval is capped at 60 s so that a crash loses at most a minute of energy.
 */
public record MeterSettings(Duration sampleInterval, Path procRoot, Path powercapRoot, String nvmlLibrary) {

    public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofSeconds(10);

    public MeterSettings {
        Objects.requireNonNull(sampleInterval, "sampleInterval");
        Objects.requireNonNull(procRoot, "procRoot");
        Objects.requireNonNull(powercapRoot, "powercapRoot");
        Objects.requireNonNull(nvmlLibrary, "nvmlLibrary");
        if (sampleInterval.isZero() || sampleInterval.isNegative()
                || sampleInterval.compareTo(EnergySampler.MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("Sample interval " + sampleInterval + " must be in (0, 60 s]");
        }
    }

    public static MeterSettings defaults() {
        return new MeterSettings(DEFAULT_SAMPLE_INTERVAL, Path.of("/proc"), Rapl.DEFAULT_ROOT, Nvml.configuredLibrary());
    }

    public MeterSettings withSampleInterval(Duration interval) {
        return new MeterSettings(interval, procRoot, powercapRoot, nvmlLibrary);
    }
}
