package io.greenwindow.service;

/**
 * What one node lets each job use: how many jobs run at once, OpenMP threads per training JVM (1 is 2-3x faster
 * than 2 on a 2-core node, see FACTS.md) and the native memory cap per JVM (javacpp maxphysicalbytes).
 */
public record NodeLimits(int capacity, int ompThreads, long maxPhysicalBytes) {
    public static final long DEFAULT_MAX_PHYSICAL_BYTES = 4L << 30;

    public NodeLimits {
        if (capacity < 1 || ompThreads < 1 || maxPhysicalBytes < (256L << 20)) {
            throw new IllegalArgumentException("Node limits capacity " + capacity + ", OMP threads " + ompThreads
                    + ", native memory " + maxPhysicalBytes + " bytes: need >= 1, >= 1, >= 256 MiB");
        }
    }

    public static NodeLimits defaults() {
        return new NodeLimits(1, 1, DEFAULT_MAX_PHYSICAL_BYTES);
    }
}
