package io.greenwindow.train;

import io.greenwindow.energy.InferenceProbeResult;
import io.greenwindow.energy.PowerModel;
import io.greenwindow.job.spec.BaseModel;
import io.greenwindow.job.spec.JobDocument;
import io.greenwindow.job.spec.ModelSpec;
import io.greenwindow.job.spec.TrainingSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One segment of training inside the child JVM: restore or build the network, feed batches from the saved data
 * position, checkpoint on the interval and on a pause request, and at the end save the model and probe it.
 */
final class TrainRun {

    static final String MODEL_FILE = "model.zip";
    static final String MODEL_INFO = "model-info.json";
    /** How often the pause file is looked at: a pause waits at most this plus one batch. */
    static final long PAUSE_POLL_NANOS = 50_000_000L;

    private final JobDocument spec;
    private final Path workDir;
    private final Path modelsDir;
    private final String jobId;
    private final PowerModel power;
    private final Checkpoints checkpoints;
    private final java.util.function.Supplier<Boolean> parentGone;
    /** Progress is reported at each epoch's end, but not more often than this (and at every checkpoint). */
    static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

    private int pauseAfterBatches;
    private java.time.Clock clock = java.time.Clock.systemUTC();
    private List<TrainingProgress.LossPoint> losses = List.of();
    private Path procRoot = Path.of("/proc");
    private Path powercapRoot = io.greenwindow.energy.Rapl.DEFAULT_ROOT;

    TrainRun(JobDocument spec, Path workDir, Path modelsDir, String jobId, PowerModel power) {
        this(spec, workDir, modelsDir, jobId, power, () -> false);
    }

    /** {@code parentGone} says the service died: checkpoint and stop rather than train on unmetered. */
    TrainRun(JobDocument spec, Path workDir, Path modelsDir, String jobId, PowerModel power,
            java.util.function.Supplier<Boolean> parentGone) {
        this.parentGone = parentGone;
        this.spec = spec;
        this.workDir = workDir;
        this.modelsDir = modelsDir;
        this.jobId = jobId;
        this.power = power;
        this.checkpoints = new Checkpoints(workDir.resolve("checkpoints"));
    }

    /** Where the inference probe looks for RAPL counters (the launcher's meter settings). */
    TrainRun withMeterRoots(Path proc, Path powercap) {
        this.procRoot = proc;
        this.powercapRoot = powercap;
        return this;
    }

    /**
     * A pause drill: behave as if a pause were requested after {@code batches} batches of this segment (0 = off).
     * Lets tests and operators stop a job at an exact point, whatever the speed of the machine.
     */
    TrainRun withPauseAfterBatches(int batches) {
        this.pauseAfterBatches = batches;
        return this;
    }

    ChildResult run() throws IOException {
        TrainingSettings settings = spec.training();
        TrainingData data = TrainingData.load(spec.data());
        Model net;
        CheckpointState state;
        var restored = checkpoints.read();
        if (restored.isPresent()) {
            net = restored.get().net();
            state = restored.get().state();
            Nd4j.getRandom().setStates(state.rngRoot(), state.rngNode());
        } else {
            net = spec.model() instanceof ModelSpec.FineTune fineTune
                    ? Networks.fineTune(baseFile(fineTune), fineTune, settings, data)
                    : Networks.create(spec.model(), settings, data);
            Nd4j.getRandom().setSeed(settings.seed());
            state = new CheckpointState(0, 0, 0, 0, 0, Double.NaN, 0, 0);
        }
        int batches = data.batchesPerEpoch(settings.batchSize());
        long everyNanos = settings.checkpointEvery().toNanos();
        long segmentStart = System.nanoTime();
        long lastCheckpoint = segmentStart;
        int epoch = state.epoch();
        int batch = state.batch();
        long examples = state.examplesSeen();
        double loss = state.lastLoss();
        Path pauseFile = workDir.resolve(TrainMain.PAUSE_FILE);
        long lastPauseCheck = 0;
        int batchesThisSegment = 0;
        long lastProgress = segmentStart;
        // The curve so far, from the last report of an earlier segment (none on a first start).
        losses = restored.isPresent() ? ProgressFile.read(workDir).map(TrainingProgress::losses).orElse(List.of())
                : List.of();
        progress(epoch, batch, batches, examples, loss, state, segmentStart, 0);
        while (epoch < settings.epochs()) {
            boolean orphaned = parentGone.get();
            long sinceCheck = System.nanoTime() - lastPauseCheck;
            // A stat per batch costs ~2 us, up to 0.4% of a tiny batch: look at most every PAUSE_POLL_NANOS.
            boolean look = sinceCheck >= PAUSE_POLL_NANOS || batch == state.batch() && epoch == state.epoch();
            if (look) {
                lastPauseCheck = System.nanoTime();
            }
            boolean drill = pauseAfterBatches > 0 && batchesThisSegment >= pauseAfterBatches;
            if (orphaned || drill || look && Files.exists(pauseFile)) {
                checkpoints.write(net, position(epoch, batch, examples, loss, state, segmentStart));
                progress(epoch, batch, batches, examples, loss, state, segmentStart, batchesThisSegment);
                return result("PAUSED", (orphaned ? "the service that started this job is gone: " : "")
                        + "paused at epoch " + (epoch + 1) + " batch " + (batch + 1) + " of "
                        + settings.epochs() + "x" + batches + "; checkpoint saved", null, data, examples, loss,
                        state, segmentStart, null);
            }
            DataSet ds = data.batch(settings.seed(), epoch, batch, settings.batchSize());
            Networks.fit(net, ds);
            batchesThisSegment++;
            loss = net.score();
            examples += ds.numExamples();
            batch++;
            if (batch == batches) {
                batch = 0;
                epoch++;
            }
            long now = System.nanoTime();
            boolean checkpoint = now - lastCheckpoint >= everyNanos && epoch < settings.epochs();
            if (checkpoint) {
                checkpoints.write(net, position(epoch, batch, examples, loss, state, segmentStart));
                lastCheckpoint = now;
            }
            if (checkpoint || batch == 0 && now - lastProgress >= PROGRESS_EVERY_NANOS) {
                progress(epoch, batch, batches, examples, loss, state, segmentStart, batchesThisSegment);
                lastProgress = now;
            }
        }
        progress(epoch, batch, batches, examples, loss, state, segmentStart, batchesThisSegment);
        Path model = saveModel(net, data);
        String backend = Backends.describe();
        InferenceProbeResult probe = new InferenceProbe(power, backend, procRoot, powercapRoot).probe(net, data);
        writeInfo(model, probe, backend);
        return result("COMPLETED", "trained " + settings.epochs() + " epochs", model, data, examples, loss, state,
                segmentStart, probe);
    }

    /** The service resolves job: and latest: bases through its job table before the document reaches us. */
    private static Path baseFile(ModelSpec.FineTune fineTune) {
        if (fineTune.base() instanceof BaseModel.File file) {
            return file.path();
        }
        throw new TrainingFailure("model.base: " + fineTune.base() + " was not resolved to a model file by the service");
    }

    /**
     * Reports the position to {@link ProgressFile}, with the rate measured over this segment's batches and the end
     * it implies. A report that cannot be written is skipped: progress is for people, the training goes on.
     */
    private void progress(int epoch, int batch, int batches, long examples, double loss, CheckpointState before,
            long segmentStart, int batchesThisSegment) {
        double segmentSeconds = (System.nanoTime() - segmentStart) / 1e9;
        double rate = segmentSeconds > 0 ? (examples - before.examplesSeen()) / segmentSeconds : 0;
        long left = (long) spec.training().epochs() * batches - ((long) epoch * batches + batch);
        java.time.Instant now = clock.instant();
        java.time.Instant end = null;
        if (left == 0) {
            end = now;
        } else if (batchesThisSegment > 0) {
            end = now.plusMillis((long) (left * segmentSeconds * 1000 / batchesThisSegment));
        }
        try {
            if (!Double.isNaN(loss)) {
                losses = TrainingProgress.append(losses, new TrainingProgress.LossPoint(examples, loss));
            }
            TrainingProgress report = new TrainingProgress(epoch, spec.training().epochs(), batch, batches,
                    examples, rate, loss, before.trainSeconds() + segmentSeconds, now, end, losses);
            ProgressFile.write(workDir, report);
            System.out.println("progress: " + report.line()); // the segment's log, read by `greenwindow logs`
        } catch (IOException e) {
            System.err.println("progress not reported: " + e.getMessage());
        }
    }

    private CheckpointState position(int epoch, int batch, long examples, double loss, CheckpointState before,
            long segmentStart) {
        Random rng = Nd4j.getRandom();
        return new CheckpointState(epoch, batch, rng.rootState(), rng.nodeState(), examples, loss,
                before.trainSeconds() + (System.nanoTime() - segmentStart) / 1e9, before.segments());
    }

    private ChildResult result(String status, String message, Path model, TrainingData data, long examples,
            double loss, CheckpointState before, long segmentStart, InferenceProbeResult probe) {
        double seconds = before.trainSeconds() + (System.nanoTime() - segmentStart) / 1e9;
        String summary = String.format(Locale.ROOT, "%d epochs, %d %s/epoch, final loss %.4f, %.0f examples/s, "
                        + "backend %s", spec.training().epochs(), data.numExamples(),
                data.isSequence() ? "sequences" : "examples", loss,
                seconds > 0 ? (examples - before.examplesSeen()) / ((System.nanoTime() - segmentStart) / 1e9) : 0,
                Backends.shortName());
        return new ChildResult(status, message, model == null ? null : model.toString(), summary,
                Backends.describe(), InferenceProbe.processCpuNanos() / 1e9, probe);
    }

    private Path saveModel(Model net, TrainingData data) throws IOException {
        Path dir = modelsDir.resolve(jobId);
        Files.createDirectories(dir);
        Path tmp = dir.resolve(MODEL_FILE + ".tmp");
        Files.deleteIfExists(tmp);
        Networks.write(net, tmp.toFile());
        if (data.normalizer() != null) {
            // Not writeModel(.., normalizer): with commons-io >= 2.7 it fails on a closed stream after writing.
            ModelSerializer.addNormalizerToModel(tmp.toFile(), data.normalizer());
        }
        Path target = dir.resolve(MODEL_FILE);
        Checkpoints.publish(tmp, target);
        return target;
    }

    private void writeInfo(Path model, InferenceProbeResult probe, String backend) throws IOException {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("jobId", jobId);
        info.put("specName", spec.name());
        info.put("model", model.toString());
        info.put("backend", backend);
        info.put("probe", probe);
        Path tmp = model.getParent().resolve(MODEL_INFO + ".tmp");
        Files.writeString(tmp, ChildResult.toJson(info));
        Checkpoints.publish(tmp, model.getParent().resolve(MODEL_INFO));
    }
}
