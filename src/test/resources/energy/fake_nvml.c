/*
 * A fake libnvidia-ml for tests: the NVML entry points greenwindow calls, with the signatures of NVIDIA's nvml.h,
 * for two GPUs. GPU 0 is Hopper-like (sm_90, total-energy counter that advances 1 J per read); GPU 1 is
 * Kepler-like (sm_37, no energy counter, 70 W power reading) so that the power-integration path runs.
 * Compiled by the tests with: gcc -shared -fPIC -o libnvidia-ml-fake.so fake_nvml.c
 */
#include <string.h>

typedef int nvmlReturn_t;
typedef struct fake_device { unsigned int index; } *nvmlDevice_t;

#define NVML_SUCCESS 0
#define NVML_ERROR_UNINITIALIZED 1
#define NVML_ERROR_INVALID_ARGUMENT 2
#define NVML_ERROR_NOT_SUPPORTED 3

static struct fake_device devices[2] = {{0}, {1}};
static unsigned long long energy_reads = 0;
static int initialised = 0;

nvmlReturn_t nvmlInit_v2(void) { initialised = 1; return NVML_SUCCESS; }
nvmlReturn_t nvmlShutdown(void) { initialised = 0; return NVML_SUCCESS; }

nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count) {
    if (!initialised) return NVML_ERROR_UNINITIALIZED;
    *count = 2;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) {
    if (!initialised) return NVML_ERROR_UNINITIALIZED;
    if (index >= 2) return NVML_ERROR_INVALID_ARGUMENT;
    *device = &devices[index];
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t device, char *name, unsigned int length) {
    strncpy(name, device->index == 0 ? "Fake H200" : "Fake Tesla K80", length);
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t device, char *uuid, unsigned int length) {
    strncpy(uuid, device->index == 0 ? "GPU-fake-0000-h200" : "GPU-fake-0001-k80", length);
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetCudaComputeCapability(nvmlDevice_t device, int *major, int *minor) {
    *major = device->index == 0 ? 9 : 3;
    *minor = device->index == 0 ? 0 : 7;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_t device, unsigned long long *energy) {
    if (device->index != 0) return NVML_ERROR_NOT_SUPPORTED;
    energy_reads++;
    *energy = 5000000ULL + 1000ULL * energy_reads; /* millijoules */
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t device, unsigned int *milliwatts) {
    *milliwatts = device->index == 0 ? 300000 : 70000;
    return NVML_SUCCESS;
}

const char *nvmlErrorString(nvmlReturn_t result) {
    return result == NVML_ERROR_NOT_SUPPORTED ? "Not Supported" : "Fake NVML error";
}
