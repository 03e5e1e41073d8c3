package io.greenwindow.energy;

/**
 * The constants of the estimated-energy model: watts per fully busy CPU core, watts per GB of resident memory,
 * and a GPU's board power for when only utilisation is known. Defaults follow Green Algorithms (Lannelongue,
 * Grealey and Inouye, Advanced Science 2021: 12 W per core for an unknown CPU, 0.3725 W per GB of memory).
 */
public record PowerModel(double wattsPerCore, double wattsPerGb, double gpuBoardWatts) {

    public static final double DEFAULT_WATTS_PER_CORE = 12.0;
    public static final double DEFAULT_WATTS_PER_GB = 0.3725;
    public static final PowerModel DEFAULT = new PowerModel(DEFAULT_WATTS_PER_CORE, DEFAULT_WATTS_PER_GB, 0);

    public PowerModel {
        check(wattsPerCore, "wattsPerCore");
        check(wattsPerGb, "wattsPerGb");
        check(gpuBoardWatts, "gpuBoardWatts");
    }

    /** The CPU part of the model as every estimate states it. */
    public String describeCpu() {
        return "process CPU time x " + wattsPerCore + " W/core (model)";
    }

    /** The memory part of the model as every estimate states it. */
    public String describeRam() {
        return "resident memory x " + wattsPerGb + " W/GB (model)";
    }

    private static void check(double value, String name) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(name + " " + value + " must be finite and >= 0");
        }
    }
}
