package io.greenwindow.energy;

import java.util.Objects;

/**
 * A GPU found through NVML: its index, UUID, name, CUDA compute capability, whether it counts energy (Volta and
 * newer) and whether it reports its power draw (else only utilisation is known).
 */
public record NvmlGpu(int index, String uuid, String name, int ccMajor, int ccMinor, boolean energyCounter,
        boolean powerReading) {
    public NvmlGpu {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(name, "name");
    }
}
