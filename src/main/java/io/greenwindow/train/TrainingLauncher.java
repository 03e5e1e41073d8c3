package io.greenwindow.train;

import io.greenwindow.node.GpuDevice;
import io.greenwindow.node.NodeProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Starts training segments, each in its own JVM on this node (DL4J networks are not thread-safe and leak native
 * memory when many share a JVM; a child also isolates crashes and lets energy be attributed per process).
 */
public final class TrainingLauncher {

    /** The trainer's output of one segment is {@code output-<start millis>.log} in the job's work folder. */
    public static final String OUTPUT_PREFIX = "output-";

    private final NodeProfile node;
    private final Clock clock;
    private final MeterSettings meters;
    private final Map<String, String> parentEnv;
    private final RotatingOutput.Limits outputLimits;

    public TrainingLauncher(NodeProfile node, Clock clock) {
        this(node, clock, MeterSettings.defaults());
    }

    /** @param outputLimits how much of each segment's output is kept on disk (see {@link RotatingOutput}) */
    public TrainingLauncher(NodeProfile node, Clock clock, RotatingOutput.Limits outputLimits) {
        this(node, clock, MeterSettings.defaults(), System.getenv(), outputLimits);
    }

    public TrainingLauncher(NodeProfile node, Clock clock, MeterSettings meters) {
        this(node, clock, meters, System.getenv());
    }

    /** @param parentEnv the environment the allowed part of which the children get (the service's own) */
    public TrainingLauncher(NodeProfile node, Clock clock, MeterSettings meters, Map<String, String> parentEnv) {
        this(node, clock, meters, parentEnv, RotatingOutput.Limits.DEFAULT);
    }

    /** @param outputLimits how much of each segment's output is kept on disk (see {@link RotatingOutput}) */
    public TrainingLauncher(NodeProfile node, Clock clock, MeterSettings meters, Map<String, String> parentEnv,
            RotatingOutput.Limits outputLimits) {
        this.outputLimits = outputLimits;
        this.node = node;
        this.clock = clock;
        this.meters = meters;
        this.parentEnv = Map.copyOf(parentEnv);
    }

    /**
     * Starts a child JVM (same classpath, {@code java -cp ... io.greenwindow.train.TrainMain ...}) with an
     * allow-listed environment ({@link ChildEnvironment}), OMP_NUM_THREADS, -Dorg.bytedeco.javacpp.maxphysicalbytes, CUDA_VISIBLE_DEVICES; resumes from the last good
     * checkpoint in workDir when there is one.
     */
    public TrainingProcess start(TrainingRequest request) {
        Path work = request.workDir().toAbsolutePath();
        try {
            Files.createDirectories(work);
            Files.createDirectories(request.modelsDir());
            // A pause asked of an earlier segment must not stop this one at its first batch.
            Files.deleteIfExists(work.resolve(TrainMain.PAUSE_FILE));
            Files.deleteIfExists(work.resolve(ChildResult.FILE));
        } catch (IOException e) {
            throw new TrainingFailure("cannot prepare work dir " + work + ": " + e.getMessage(), e);
        }
        ProcessBuilder builder = new ProcessBuilder(command(request, work));
        Map<String, String> settings = new java.util.HashMap<>();
        settings.put("OMP_NUM_THREADS", Integer.toString(request.ompThreads()));
        String visible = request.extraEnv().getOrDefault("CUDA_VISIBLE_DEVICES", usableGpuList());
        settings.put("CUDA_VISIBLE_DEVICES", visible);
        if (visible.isEmpty()) {
            // No usable GPU here (none, or newer than nd4j-cuda-11.6 supports): make ND4J pick the CPU backend.
            settings.put("BACKEND_PRIORITY_GPU", "-1");
        }
        settings.putAll(request.extraEnv());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(ChildEnvironment.of(parentEnv, settings));
        // One file per segment, stdout and stderr interleaved as the trainer wrote them: what `greenwindow logs`
        // shows (see TrainerLogs, which reads them in the order of the start time in their names). Copied through
        // a pipe rather than redirected, so that the file is rotated and bounded while the trainer writes.
        Path stderr = work.resolve(OUTPUT_PREFIX + clock.millis() + ".log");
        builder.redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new TrainingFailure("cannot start the training JVM: " + e.getMessage(), e);
        }
        RotatingOutput output = RotatingOutput.start(process.getInputStream(), stderr, outputLimits);
        return new ChildTrainingProcess(process, work, stderr, node, visible, clock, meters, request.energyBinStep(),
                output);
    }

    private List<String> command(TrainingRequest request, Path work) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (request.maxPhysicalBytes() > 0) {
            cmd.add("-Dorg.bytedeco.javacpp.maxphysicalbytes=" + request.maxPhysicalBytes());
        }
        String cache = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (cache != null) {
            cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + cache);
        }
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(TrainMain.class.getName());
        cmd.addAll(List.of("--document", request.documentFile().toAbsolutePath().toString(), "--work", work.toString(),
                "--models", request.modelsDir().toAbsolutePath().toString(), "--job", request.jobId(),
                "--watts-per-core", Double.toString(node.powerModel().wattsPerCore()),
                "--watts-per-gb", Double.toString(node.powerModel().wattsPerGb()),
                "--proc", meters.procRoot().toString(), "--powercap", meters.powercapRoot().toString()));
        return cmd;
    }

    private String usableGpuList() {
        return node.usableGpus().stream().map(GpuDevice::index).map(String::valueOf)
                .collect(Collectors.joining(","));
    }
}
