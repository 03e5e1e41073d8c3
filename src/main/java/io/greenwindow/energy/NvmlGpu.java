package io.greenwindow.energy;

import java.util.Objects;

/** A GPU found through NVML: its index, UUID, name, CUDA compute capability, and whether it counts energy. */
public record NvmlGpu(int index, String uuid, String name, int ccMajor, int ccMinor, boolean energyCounter) {
    public NvmlGpu {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(name, "name");
    }
}
