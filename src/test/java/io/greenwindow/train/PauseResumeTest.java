package io.greenwindow.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pause, kill -9 and resume across JVMs must give exactly the parameters of an uninterrupted run: same batches
 * (data position), same dropout masks (RNG state), same updater state.
 */
class PauseResumeTest {

    private static final int EPOCHS = 4;

    @TempDir
    Path tmp;

    @Test
    void resume_multiLayerNetworkAfterKill9MidRun_givesBitIdenticalParameters() throws Exception {
        // GIVEN an uninterrupted run
        float[] straight = straightRun(false);
        // ... and the same job with a checkpoint at every batch, which must not change training either
        Path spec = TrainingTestSpecs.irisWithDropout(tmp.resolve("every-batch"), "resumable", EPOCHS, false,
                "PT0.001S");
        TrainingLauncher launcher = TrainingLauncherTest.launcher(tmp);
        TrainingRequest request = TrainingLauncherTest.request("interrupted", spec, tmp);
        Path checkpoint = request.workDir().resolve("checkpoints").resolve(Checkpoints.FILE);

        // WHEN its JVM is killed with SIGKILL mid-run, leaving a torn checkpoint temp file, and the job resumed
        TrainingProcess first = launcher.start(request);
        awaitCheckpointAfter(checkpoint, null, first);
        first.kill();
        TrainingOutcome killed = first.awaitExit();
        assertThat(killed.status()).isEqualTo(TrainingOutcome.Status.FAILED);
        assertThat(killed.message()).contains("killed");
        assertThat(killed.energy().itKwh()).isPositive();
        Files.writeString(checkpoint.resolveSibling(Checkpoints.FILE + ".tmp"), "torn");
        TrainingOutcome resumed = launcher.start(request).awaitExit();

        // THEN the parameters are bit-identical
        assertThat(resumed.status()).as(resumed.message()).isEqualTo(TrainingOutcome.Status.COMPLETED);
        assertThat(params(resumed.modelFile())).as("parameters after resume").isEqualTo(straight);
    }

    @Test
    void resume_computationGraphAfterPauseMidEpoch_givesBitIdenticalParameters() throws Exception {
        float[] straight = straightRun(true);
        Path spec = TrainingTestSpecs.irisWithDropout(tmp.resolve("interrupted"), "resumable", EPOCHS, true, "PT30S");
        TrainingLauncher launcher = TrainingLauncherTest.launcher(tmp);
        TrainingRequest request = TrainingLauncherTest.request("interrupted", spec, tmp);

        pauseDrill(launcher, request);
        TrainingOutcome resumed = launcher.start(request).awaitExit();

        assertThat(resumed.status()).as(resumed.message()).isEqualTo(TrainingOutcome.Status.COMPLETED);
        assertThat(params(resumed.modelFile())).as("parameters after resume").isEqualTo(straight);
        assertThat(resumed.summary()).contains(EPOCHS + " epochs");
    }

    private float[] straightRun(boolean graph) {
        Path spec = TrainingTestSpecs.irisWithDropout(tmp.resolve("straight"), "resumable", EPOCHS, graph, "PT30S");
        TrainingOutcome straight = TrainingLauncherTest.launcher(tmp)
                .start(TrainingLauncherTest.request("straight", spec, tmp)).awaitExit();
        assertThat(straight.status()).as(straight.message()).isEqualTo(TrainingOutcome.Status.COMPLETED);
        return params(straight.modelFile());
    }

    /** Runs the first segment up to batch 23 of 60 (epoch 2, batch 9) and checks it paused there. */
    private static void pauseDrill(TrainingLauncher launcher, TrainingRequest request) {
        TrainingRequest drill = new TrainingRequest(request.jobId(), request.documentFile(), request.workDir(),
                request.modelsDir(), request.ompThreads(), request.maxPhysicalBytes(), request.energyBinStep(),
                Map.of(TrainMain.PAUSE_DRILL_ENV, "23"));
        TrainingOutcome paused = launcher.start(drill).awaitExit();
        assertThat(paused.status()).as(paused.message()).isEqualTo(TrainingOutcome.Status.PAUSED);
        assertThat(paused.message()).startsWith("paused at epoch 2 batch 9 of 4x15");
        assertThat(paused.energy().itKwh()).isPositive();
    }

    private static float[] params(Path modelZip) {
        Model net = Networks.restore(modelZip, false);
        return net.params().dup().data().asFloat();
    }

    private static void awaitCheckpointAfter(Path file, FileTime previous, TrainingProcess process)
            throws Exception {
        for (int i = 0; i < 6000 && !newer(file, previous); i++) {
            Thread.sleep(10);
        }
        assertThat(newer(file, previous)).as("new checkpoint written while training (pid %d)", process.pid()).isTrue();
    }

    private static boolean newer(Path file, FileTime previous) throws java.io.IOException {
        try {
            return Files.exists(file) && (previous == null || Files.getLastModifiedTime(file).compareTo(previous) > 0);
        } catch (java.nio.file.NoSuchFileException renamedJustNow) {
            return false;
        }
    }
}
