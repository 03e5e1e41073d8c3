package io.greenwindow.energy;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * NVIDIA's management library bound through JNA. {@link #open} never throws: a node without a driver gets an
 * {@link Unavailable} with the reason, which the node shows.
 */
public final class Nvml {

    /** The library every NVIDIA driver installs; a test points {@value #LIBRARY_PROPERTY} at a fake one. */
    public static final String DEFAULT_LIBRARY = "libnvidia-ml.so.1";
    public static final String LIBRARY_PROPERTY = "greenwindow.nvml.library";

    private final NvmlLibrary lib;
    private final String library;

    private Nvml(NvmlLibrary lib, String library) {
        this.lib = lib;
        this.library = library;
    }

    /** The outcome of loading and initialising NVML. */
    public sealed interface Access permits Available, Unavailable {
    }

    public record Available(Nvml nvml) implements Access {
    }

    public record Unavailable(String reason) implements Access {
    }

    /** The library named by the system property, else {@value #DEFAULT_LIBRARY}. */
    public static String configuredLibrary() {
        return System.getProperty(LIBRARY_PROPERTY, DEFAULT_LIBRARY);
    }

    public static Access open(String library) {
        NvmlLibrary lib;
        try {
            lib = Native.load(library, NvmlLibrary.class);
        } catch (UnsatisfiedLinkError e) {
            return new Unavailable("NVML library " + library + " cannot be loaded (no NVIDIA driver?): "
                    + firstLine(e.getMessage()));
        }
        int rc = lib.nvmlInit_v2();
        if (rc != NvmlLibrary.NVML_SUCCESS) {
            return new Unavailable("nvmlInit_v2 failed in " + library + ": " + lib.nvmlErrorString(rc));
        }
        return new Available(new Nvml(lib, library));
    }

    public String library() {
        return library;
    }

    public List<NvmlGpu> gpus() {
        IntByReference count = new IntByReference();
        check(lib.nvmlDeviceGetCount_v2(count), "nvmlDeviceGetCount_v2");
        List<NvmlGpu> gpus = new ArrayList<>();
        for (int i = 0; i < count.getValue(); i++) {
            Pointer device = handle(i);
            byte[] name = new byte[96];
            check(lib.nvmlDeviceGetName(device, name, name.length), "nvmlDeviceGetName");
            byte[] uuid = new byte[96];
            check(lib.nvmlDeviceGetUUID(device, uuid, uuid.length), "nvmlDeviceGetUUID");
            IntByReference major = new IntByReference();
            IntByReference minor = new IntByReference();
            check(lib.nvmlDeviceGetCudaComputeCapability(device, major, minor), "nvmlDeviceGetCudaComputeCapability");
            boolean counter = lib.nvmlDeviceGetTotalEnergyConsumption(device, new LongByReference())
                    == NvmlLibrary.NVML_SUCCESS;
            boolean power = lib.nvmlDeviceGetPowerUsage(device, new IntByReference()) == NvmlLibrary.NVML_SUCCESS;
            gpus.add(new NvmlGpu(i, text(uuid), text(name), major.getValue(), minor.getValue(), counter, power));
        }
        return gpus;
    }

    /** Millijoules since the driver loaded, or -1 when the GPU has no energy counter (before Volta). */
    public long totalEnergyMillijoules(int index) {
        LongByReference mj = new LongByReference();
        int rc = lib.nvmlDeviceGetTotalEnergyConsumption(handle(index), mj);
        if (rc == NvmlLibrary.NVML_ERROR_NOT_SUPPORTED) {
            return -1;
        }
        check(rc, "nvmlDeviceGetTotalEnergyConsumption");
        return mj.getValue();
    }

    public int powerMilliwatts(int index) {
        IntByReference mw = new IntByReference();
        check(lib.nvmlDeviceGetPowerUsage(handle(index), mw), "nvmlDeviceGetPowerUsage");
        return mw.getValue();
    }

    /** GPU utilisation in percent over the driver's last sample period. */
    public int utilizationPercent(int index) {
        int[] utilization = new int[2];
        check(lib.nvmlDeviceGetUtilizationRates(handle(index), utilization), "nvmlDeviceGetUtilizationRates");
        return utilization[0];
    }

    /** The power limit the board enforces, in milliwatts, or -1 when NVML does not say. */
    public int powerLimitMilliwatts(int index) {
        IntByReference mw = new IntByReference();
        return lib.nvmlDeviceGetEnforcedPowerLimit(handle(index), mw) == NvmlLibrary.NVML_SUCCESS ? mw.getValue() : -1;
    }

    private Pointer handle(int index) {
        PointerByReference device = new PointerByReference();
        check(lib.nvmlDeviceGetHandleByIndex_v2(index, device), "nvmlDeviceGetHandleByIndex_v2(" + index + ")");
        return device.getValue();
    }

    private void check(int rc, String call) {
        if (rc != NvmlLibrary.NVML_SUCCESS) {
            throw new IllegalStateException(call + " failed: " + lib.nvmlErrorString(rc) + " (" + rc + ")");
        }
    }

    private static String text(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
