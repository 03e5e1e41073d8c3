package io.greenwindow.energy;

/** How an energy figure was obtained. Only the MEASURED_* values may be called measurements. */
public enum EnergyMethod {
    MEASURED_NVML(true),
    MEASURED_RAPL(true),
    ESTIMATED_MODEL(false);

    private final boolean measured;

    EnergyMethod(boolean measured) {
        this.measured = measured;
    }

    public boolean isMeasured() {
        return measured;
    }

    /** "measured (NVML)", "measured (RAPL)" or "estimated (model)": the label every interface shows. */
    public String label() {
        return switch (this) {
            case MEASURED_NVML -> "measured (NVML)";
            case MEASURED_RAPL -> "measured (RAPL)";
            case ESTIMATED_MODEL -> "estimated (model)";
        };
    }
}
