package io.greenwindow.executor.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * A real one-node Slurm cluster for a test class, started by the script the project ships
 * (src/test/slurm/one-node-cluster.sh) in a folder of its own, on ports no other cluster uses. Tests skip only
 * where sbatch is not installed (.ci/run installs it).
 */
final class OneNodeSlurm implements AutoCloseable {

    static final Path SCRIPT = Path.of("src/test/slurm/one-node-cluster.sh").toAbsolutePath();

    final Path dir;
    final Map<String, String> env;
    final SlurmClient client;
    final CommandRunner commands;

    private OneNodeSlurm(Path dir) {
        this.dir = dir;
        this.env = Map.of("SLURM_CONF", dir.resolve("slurm.conf").toString());
        this.commands = new ProcessCommandRunner(env);
        this.client = new SlurmClient(commands);
    }

    static boolean installed() {
        for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(p, "sbatch"))) {
                return true;
            }
        }
        return false;
    }

    /** Two CPUs and two (stand-in) GPUs; KillWait 30 s for the trainer to checkpoint on TERM. */
    static OneNodeSlurm start(Path dir) throws Exception {
        return start(dir, Map.of());
    }

    /** As {@link #start(Path)}, with more of the script's settings (e.g. SLURM_ENERGY_DIR). */
    static OneNodeSlurm start(Path dir, Map<String, String> settings) throws Exception {
        Assumptions.assumeTrue(installed(), "Slurm (sbatch) is not installed: apt-get install -y slurm-wlm munge");
        int port = freePortPair();
        ProcessBuilder b = new ProcessBuilder("bash", SCRIPT.toString(), "start", dir.toString())
                .redirectErrorStream(true);
        b.environment().putAll(Map.of("SLURM_PORT", Integer.toString(port), "SLURM_CPUS", "2", "SLURM_GPUS", "2",
                "SLURM_KILL_WAIT", "30"));
        b.environment().putAll(settings);
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        return new OneNodeSlurm(dir);
    }

    @Override
    public void close() throws Exception {
        Process p = new ProcessBuilder("bash", SCRIPT.toString(), "stop", dir.toString()).redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        p.waitFor();
    }

    Optional<SlurmJob> job(String name) {
        return client.jobs().stream().filter(j -> j.name().equals(name)).reduce((a, b) -> b);
    }

    /** Waits (bounded, polling) until Slurm shows the job named {@code name} in a state {@code done} accepts. */
    SlurmJob await(String name, Predicate<SlurmJob> done, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        Optional<SlurmJob> j = job(name);
        while ((j.isEmpty() || !done.test(j.get())) && System.nanoTime() < until) {
            Thread.sleep(250);
            j = job(name);
        }
        assertThat(j).as("Slurm job " + name).isPresent();
        assertThat(done.test(j.get())).as("Slurm job " + name + " is " + j.get().state() + " (" + j.get().reason() + ")")
                .isTrue();
        return j.get();
    }

    CommandRunner.Result run(String... command) {
        return commands.run(List.of(command), null, Duration.ofSeconds(30));
    }

    /** A port whose next one is free too (slurmctld, slurmd), away from the 7070 range. */
    private static int freePortPair() throws IOException {
        for (int i = 0; i < 50; i++) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            if (port < 65000 && free(port + 1)) {
                return port;
            }
        }
        throw new IOException("no two free ports in a row");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
