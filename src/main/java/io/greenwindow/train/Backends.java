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
            return "CUDA (" + backend + ", devices " + devices + ")";
        }
        return "CPU (" + backend + ", OMP_NUM_THREADS=" + System.getenv().getOrDefault("OMP_NUM_THREADS", "unset") + ")";
    }
}
