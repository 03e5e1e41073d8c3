package io.greenwindow.node;

import java.util.Objects;

/**
 * One GPU as NVML sees it: index, UUID, name and CUDA compute capability. nd4j-cuda-11.6 (DL4J 1.0.0-M2.1)
 * carries machine code for sm_37 to sm_86 and no PTX, so newer GPUs (Ada sm_89, Hopper sm_90) cannot run it.
 */
public record GpuDevice(int index, String uuid, String name, int ccMajor, int ccMinor) {

    /** The newest architecture nd4j-cuda-11.6 1.0.0-M2.1 has machine code for. */
    public static final int ND4J_MAX_SM = 86;
    public static final int ND4J_MIN_SM = 37;

    public GpuDevice {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(name, "name");
        if (index < 0 || ccMajor < 0 || ccMinor < 0) {
            throw new IllegalArgumentException("GPU index " + index + " and compute capability " + ccMajor + "."
                    + ccMinor + " must be >= 0");
        }
    }

    /** "sm_90" for compute capability 9.0. */
    public String arch() {
        return "sm_" + ccMajor + ccMinor;
    }

    public boolean runsNd4jCuda() {
        int sm = ccMajor * 10 + ccMinor;
        return sm >= ND4J_MIN_SM && sm <= ND4J_MAX_SM;
    }

    /** Why this GPU cannot train, or null when it can. */
    public String unsupportedReason() {
        if (runsNd4jCuda()) {
            return null;
        }
        return "GPU " + index + " (" + name + ", " + arch() + ") cannot run nd4j-cuda-11.6 1.0.0-M2.1, which "
                + "carries code for sm_37 to sm_86 only: jobs on this node train on the CPU";
    }
}
