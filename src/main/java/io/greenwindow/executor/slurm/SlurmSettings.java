package io.greenwindow.executor.slurm;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the service reaches its Slurm cluster and what each greenwindow job asks Slurm for.
 *
 * @param partition null: the cluster's default partition
 * @param account null: the user's default account
 * @param qos null: the default QOS
 * @param sharedDir a folder every node sees at the same path: job specs, checkpoints, energy logs, outcomes
 * @param java the java binary on the nodes; {@code classpath} greenwindow's classpath there
 * @param poll how often the service reads the queue (squeue --json)
 * @param memoryMb memory per job; 0: the trainer's native cap plus 1 GiB for its JVMs
 * @param environment added to every client command (SLURM_CONF when set)
 */
public record SlurmSettings(String partition, String account, String qos, Path sharedDir, String java,
        String classpath, Duration poll, long memoryMb, Map<String, String> environment) {

    public SlurmSettings {
        Objects.requireNonNull(sharedDir, "sharedDir");
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(classpath, "classpath");
        Objects.requireNonNull(poll, "poll");
        environment = Map.copyOf(environment);
        if (poll.isZero() || poll.isNegative()) {
            throw new IllegalArgumentException("GREENWINDOW_SLURM_POLL " + poll + " must be positive");
        }
        if (memoryMb < 0) {
            throw new IllegalArgumentException("GREENWINDOW_SLURM_MEMORY_MB " + memoryMb + " must be >= 0");
        }
    }

    /**
     * GREENWINDOW_SHARED_DIR (required), GREENWINDOW_SLURM_PARTITION, GREENWINDOW_SLURM_ACCOUNT,
     * GREENWINDOW_SLURM_QOS, GREENWINDOW_SLURM_JAVA, GREENWINDOW_SLURM_CLASSPATH, GREENWINDOW_SLURM_POLL (ISO-8601,
     * default PT5S), GREENWINDOW_SLURM_MEMORY_MB, and the standard SLURM_CONF.
     */
    public static SlurmSettings fromEnvironment(Map<String, String> env) {
        String shared = blankToNull(env.get("GREENWINDOW_SHARED_DIR"));
        if (shared == null) {
            throw new IllegalArgumentException("GREENWINDOW_EXECUTOR=slurm needs GREENWINDOW_SHARED_DIR: a folder "
                    + "every node of the cluster sees at the same path (checkpoints and energy logs live there)");
        }
        Duration poll;
        try {
            poll = Duration.parse(env.getOrDefault("GREENWINDOW_SLURM_POLL", "PT5S"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("GREENWINDOW_SLURM_POLL '" + env.get("GREENWINDOW_SLURM_POLL")
                    + "' is not an ISO-8601 duration such as PT5S");
        }
        long memory;
        try {
            memory = Long.parseLong(env.getOrDefault("GREENWINDOW_SLURM_MEMORY_MB", "0").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("GREENWINDOW_SLURM_MEMORY_MB '" + env.get("GREENWINDOW_SLURM_MEMORY_MB")
                    + "' is not a whole number of MiB");
        }
        Map<String, String> clientEnv = new HashMap<>();
        if (blankToNull(env.get("SLURM_CONF")) != null) {
            clientEnv.put("SLURM_CONF", env.get("SLURM_CONF"));
        }
        return new SlurmSettings(blankToNull(env.get("GREENWINDOW_SLURM_PARTITION")),
                blankToNull(env.get("GREENWINDOW_SLURM_ACCOUNT")), blankToNull(env.get("GREENWINDOW_SLURM_QOS")),
                Path.of(shared).toAbsolutePath(),
                env.getOrDefault("GREENWINDOW_SLURM_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                env.getOrDefault("GREENWINDOW_SLURM_CLASSPATH", System.getProperty("java.class.path")), poll, memory,
                clientEnv);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
