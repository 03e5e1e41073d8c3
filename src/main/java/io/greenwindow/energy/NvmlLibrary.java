package io.greenwindow.energy;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The few NVML functions we call, as declared in NVIDIA's nvml.h (return value nvmlReturn_t, 0 = success).
 * Total energy is in millijoules since the driver was loaded (Volta and newer); power usage in milliwatts.
 */
interface NvmlLibrary extends Library {
    int NVML_SUCCESS = 0;
    int NVML_ERROR_NOT_SUPPORTED = 3;

    int nvmlInit_v2();

    int nvmlShutdown();

    int nvmlDeviceGetCount_v2(IntByReference deviceCount);

    int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

    int nvmlDeviceGetName(Pointer device, byte[] name, int length);

    int nvmlDeviceGetUUID(Pointer device, byte[] uuid, int length);

    int nvmlDeviceGetCudaComputeCapability(Pointer device, IntByReference major, IntByReference minor);

    int nvmlDeviceGetTotalEnergyConsumption(Pointer device, LongByReference energyMillijoules);

    int nvmlDeviceGetPowerUsage(Pointer device, IntByReference milliwatts);

    /** {@code utilization} is nvmlUtilization_t: {unsigned int gpu; unsigned int memory;} in percent. */
    int nvmlDeviceGetUtilizationRates(Pointer device, int[] utilization);

    int nvmlDeviceGetEnforcedPowerLimit(Pointer device, IntByReference milliwatts);

    String nvmlErrorString(int result);
}
