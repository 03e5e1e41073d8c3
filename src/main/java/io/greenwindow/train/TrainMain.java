package io.greenwindow.train;

import io.greenwindow.energy.InferenceProbeResult;
import io.greenwindow.energy.PowerModel;
import io.greenwindow.job.spec.JobDocuments;
import io.greenwindow.job.spec.ModelZips;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The child JVM's entry point: trains one job from its spec, resuming from the job's last checkpoint, and exits
 * with {@link #EXIT_COMPLETED}, {@link #EXIT_PAUSED} or a failure code, leaving {@code result.json} behind.
 * Usage: {@code TrainMain --document FILE --work DIR --models DIR --job ID [--watts-per-core W] [--watts-per-gb W]},
 * where FILE is the job document the service validated and stored ({@link JobDocuments}), read here as it is.
 */
public final class TrainMain {

    public static final int EXIT_COMPLETED = 0;
    public static final int EXIT_FAILED = 2;
    public static final int EXIT_PAUSED = 75;
    /** The file whose appearance asks the child to checkpoint at the next batch boundary and exit. */
    public static final String PAUSE_FILE = "pause.request";
    static final String LOCK_FILE = "train.lock";
    /** Environment variable for a pause drill: pause after this many batches of the segment (tests, drills). */
    public static final String PAUSE_DRILL_ENV = "GREENWINDOW_PAUSE_AFTER_BATCHES";
    /** Held for the life of the JVM; a static field so that it is never collected and released early. */
    private static FileLock jobLock;

    private TrainMain() {
    }

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        Path workDir = Path.of(options.getOrDefault("--work", "."));
        int code;
        try {
            Files.createDirectories(workDir);
            holdJobLock(workDir);
            // No class but ND4J's normalisers is ever deserialized in this JVM, whatever a model zip holds.
            ObjectInputFilter.Config.setSerialFilter(ModelZips.FILTER);
            TrainRun run = new TrainRun(
                    JobDocuments.fromJson(Files.readString(Path.of(require(options, "--document")))),
                    workDir,
                    Path.of(require(options, "--models")),
                    require(options, "--job"),
                    new PowerModel(Double.parseDouble(options.getOrDefault("--watts-per-core",
                            Double.toString(PowerModel.DEFAULT_WATTS_PER_CORE))),
                            Double.parseDouble(options.getOrDefault("--watts-per-gb",
                                    Double.toString(PowerModel.DEFAULT_WATTS_PER_GB))), 0),
                    watchParent())
                    .withMeterRoots(Path.of(options.getOrDefault("--proc", "/proc")),
                            Path.of(options.getOrDefault("--powercap", "/sys/class/powercap")))
                    .withPauseAfterBatches(Integer.parseInt(System.getenv().getOrDefault(PAUSE_DRILL_ENV, "0")));
            ChildResult result = run.run();
            result.write(workDir);
            code = result.status().equals("PAUSED") ? EXIT_PAUSED : EXIT_COMPLETED;
        } catch (TrainingFailure | JobDocuments.StoredDocumentException e) {
            code = fail(workDir, e.getMessage());
        } catch (Throwable e) {
            // The stack trace stays in this JVM's stderr log on the node; the reason users see quotes nothing.
            e.printStackTrace();
            code = fail(workDir, "the training JVM failed unexpectedly; the stack trace is in its stderr log in "
                    + workDir);
        }
        System.out.flush();
        System.err.flush();
        // ND4J leaves non-daemon threads behind; exit explicitly so the code reaches the parent.
        Runtime.getRuntime().halt(code);
    }

    /**
     * Waits for, then holds until exit, the job's lock: a JVM orphaned by a dead service may still be writing its
     * last checkpoint when the restarted service resumes the job, and two JVMs must never train one job. The OS
     * releases the lock when the JVM dies, however it dies.
     */
    private static void holdJobLock(Path workDir) throws IOException {
        FileChannel channel = FileChannel.open(workDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        jobLock = channel.lock();
    }

    /**
     * Watches the service that started us: when it dies (kill -9, node crash of the service), nobody meters or
     * controls this job any more, so it checkpoints at the next batch and exits; the restarted service resumes it.
     */
    private static java.util.function.Supplier<Boolean> watchParent() {
        AtomicBoolean gone = new AtomicBoolean();
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> gone.set(true)));
        return gone::get;
    }

    private static int fail(Path workDir, String message) {
        System.err.println("training failed: " + message);
        try {
            new ChildResult("FAILED", message, null, null, null,
                    InferenceProbe.processCpuNanos() / 1e9, (InferenceProbeResult) null).write(workDir);
        } catch (IOException ignored) {
            // The parent falls back to the exit code and stderr.
        }
        return EXIT_FAILED;
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new TrainingFailure("TrainMain needs " + name
                    + " (usage: --document FILE --work DIR --models DIR --job ID)");
        }
        return value;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}
