package io.greenwindow.executor.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real one-node Slurm cluster ({@link OneNodeSlurm}) for the tests of one class: started before its first test
 * in a folder of its own, stopped after its last, and the folder removed; the whole class is skipped where Slurm
 * is not installed. Register one per cluster a class needs:
 * {@code @RegisterExtension static final OneNodeSlurmExtension oneNode = new OneNodeSlurmExtension();}, then
 * {@code oneNode.cluster()} in the tests.
 */
final class OneNodeSlurmExtension implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> settings;
    private Path dir;
    private OneNodeSlurm cluster;

    /** Two CPUs and two (stand-in) GPUs, as {@link OneNodeSlurm#start(Path)}. */
    OneNodeSlurmExtension() {
        this(Map.of());
    }

    /** With more of the cluster script's settings (e.g. SLURM_ENERGY_DIR). */
    OneNodeSlurmExtension(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    /** The running cluster (only inside the tests of the class that registered this). */
    OneNodeSlurm cluster() {
        if (cluster == null) {
            throw new IllegalStateException("The one-node Slurm cluster is not started: register this extension as "
                    + "a static field with @RegisterExtension");
        }
        return cluster;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Assumptions.assumeTrue(OneNodeSlurm.installed(),
                "Slurm (sbatch) is not installed: apt-get install -y slurm-wlm munge");
        dir = Files.createTempDirectory("slurm-" + context.getRequiredTestClass().getSimpleName() + "-");
        cluster = OneNodeSlurm.start(dir, settings);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            cluster = null;
            if (dir != null) {
                deleteQuietly(dir);
                dir = null;
            }
        }
    }

    /** Best effort: a file a stopping daemon still writes must not fail the class after its tests passed. */
    private static void deleteQuietly(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left for the operating system's temporary-file cleanup
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
