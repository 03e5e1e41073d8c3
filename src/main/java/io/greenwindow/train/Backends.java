package io.greenwindow.train;

import org.nd4j.linalg.factory.Nd4j;

/** Which ND4J backend really runs in this JVM, as reports state it. */
final class Backends {

    private Backends() {
    }

    /** "CPU" or "CUDA". */
    static String shortName() {
        return Nd4j.getBackend().getClass().getSimpleName().toLowerCase().contains("cublas") ? "CUDA" : "CPU";
    }

    /** For example "CPU (CpuBackend, OMP_NUM_THREADS=1)" or "CUDA (JCublasBackend, devices [..])". */
    static String describe() {
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        if (shortName().equals("CUDA")) {
            Object devices = Nd4j.getExecutioner().getEnvironmentInformation().get("cuda.devicesInformation");
            return "CUDA (" + backend + ", CUDA_VISIBLE_DEVICES=" + System.getenv("CUDA_VISIBLE_DEVICES") + ", devices "
                    + devices + nativeCap() + ")";
        }
        return "CPU (" + backend + ", OMP_NUM_THREADS=" + System.getenv().getOrDefault("OMP_NUM_THREADS", "unset")
                + nativeCap() + ")";
    }

    private static String nativeCap() {
        long cap = org.bytedeco.javacpp.Pointer.maxPhysicalBytes();
        return cap > 0 ? String.format(java.util.Locale.ROOT, ", native memory cap %.1f GB", cap / 1e9) : "";
    }
}
