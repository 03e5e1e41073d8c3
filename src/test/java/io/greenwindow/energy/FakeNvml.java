package io.greenwindow.energy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Compiles src/test/resources/energy/fake_nvml.c with gcc into a shared library the tests load instead of NVML. */
public final class FakeNvml {

    private FakeNvml() {
    }

    /** The compiled library in {@code dir}; skips the calling test only when gcc is absent. */
    public static Path compile(Path dir) throws IOException, InterruptedException {
        return compile(dir, "libnvidia-ml-fake.so");
    }

    /** The fake with a third GPU that reports only utilisation. */
    public static Path compileWithUtilisationOnlyGpu(Path dir) throws IOException, InterruptedException {
        return compile(dir, "libnvidia-ml-fake-util.so", "-DFAKE_UTILISATION_ONLY_GPU");
    }

    private static Path compile(Path dir, String name, String... defines) throws IOException, InterruptedException {
        Path source = Path.of("src/test/resources/energy/fake_nvml.c").toAbsolutePath();
        Path library = dir.resolve(name);
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("gcc", "-shared", "-fPIC"));
        command.addAll(java.util.List.of(defines));
        command.addAll(java.util.List.of("-o", library.toString(), source.toString()));
        Process gcc;
        try {
            gcc = new ProcessBuilder(command)
                    .redirectErrorStream(true).start();
        } catch (IOException noGcc) {
            assumeTrue(false, "gcc is not installed: " + noGcc.getMessage());
            throw noGcc;
        }
        if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new IllegalStateException("gcc failed: " + new String(gcc.getInputStream().readAllBytes()));
        }
        return library;
    }

}
