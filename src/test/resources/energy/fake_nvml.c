/*
 * A fake libnvidia-ml for tests: the NVML entry points greenwindow calls, with the signatures of NVIDIA's nvml.h,
 * for two GPUs. GPU 0 is Hopper-like (sm_90, total-energy counter that advances 1 J per read); GPU 1 is
 * Kepler-like (sm_37, no energy counter, 70 W power reading) so that the power-integration path runs.
 * With -DFAKE_UTILISATION_ONLY_GPU a third GPU (sm_75) reports neither energy nor power, only 40% utilisation and
 * a 250 W power limit. Compiled by the tests with: gcc -shared -fPIC -o libnvidia-ml-fake.so fake_nvml.c
 */
#include <string.h>

typedef int nvmlReturn_t;
typedef struct fake_device { unsigned int index; } *nvmlDevice_t;

#define NVML_SUCCESS 0
#define NVML_ERROR_UNINITIALIZED 1
#define NVML_ERROR_INVALID_ARGUMENT 2
#define NVML_ERROR_NOT_SUPPORTED 3

#ifdef FAKE_UTILISATION_ONLY_GPU
#define DEVICES 3
#else
#define DEVICES 2
#endif

static struct fake_device devices[3] = {{0}, {1}, {2}};
static unsigned long long energy_reads = 0;
static int initialised = 0;

nvmlReturn_t nvmlInit_v2(void) { initialised = 1; return NVML_SUCCESS; }
nvmlReturn_t nvmlShutdown(void) { initialised = 0; return NVML_SUCCESS; }

nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count) {
    if (!initialised) return NVML_ERROR_UNINITIALIZED;
    *count = DEVICES;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) {
    if (!initialised) return NVML_ERROR_UNINITIALIZED;
    if (index >= DEVICES) return NVML_ERROR_INVALID_ARGUMENT;
    *device = &devices[index];
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t device, char *name, unsigned int length) {
    strncpy(name, device->index == 0 ? "Fake H200" : device->index == 1 ? "Fake Tesla K80" : "Fake T4", length);
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t device, char *uuid, unsigned int length) {
    strncpy(uuid, device->index == 0 ? "GPU-fake-0000-h200" : device->index == 1 ? "GPU-fake-0001-k80"
            : "GPU-fake-0002-t4", length);
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetCudaComputeCapability(nvmlDevice_t device, int *major, int *minor) {
    *major = device->index == 0 ? 9 : device->index == 1 ? 3 : 7;
    *minor = device->index == 0 ? 0 : device->index == 1 ? 7 : 5;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_t device, unsigned long long *energy) {
    if (device->index != 0) return NVML_ERROR_NOT_SUPPORTED;
    energy_reads++;
    *energy = 5000000ULL + 1000ULL * energy_reads; /* millijoules */
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t device, unsigned int *milliwatts) {
    if (device->index == 2) return NVML_ERROR_NOT_SUPPORTED;
    *milliwatts = device->index == 0 ? 300000 : 70000;
    return NVML_SUCCESS;
}

typedef struct { unsigned int gpu; unsigned int memory; } nvmlUtilization_t;

nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t device, nvmlUtilization_t *utilization) {
    utilization->gpu = 40;
    utilization->memory = 10;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t device, unsigned int *limit) {
    *limit = device->index == 2 ? 250000 : 700000;
    return NVML_SUCCESS;
}

const char *nvmlErrorString(nvmlReturn_t result) {
    return result == NVML_ERROR_NOT_SUPPORTED ? "Not Supported" : "Fake NVML error";
}
