package io.greenwindow.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pause, kill -9 and resume across JVMs must give exactly the parameters of an uninterrupted run: same batches
 * (data position), same dropout masks (RNG state), same updater state.
 */
class PauseResumeTest {

    private static final int EPOCHS = 6;

    @TempDir
    Path tmp;

    @Test
    void resume_afterPauseAtBatchBoundary_givesBitIdenticalParameters() throws Exception {
        assertResumeIsExact(false, false);
    }

    @Test
    void resume_afterKill9AndTornCheckpointTemp_givesBitIdenticalParameters() throws Exception {
        assertResumeIsExact(false, true);
    }

    @Test
    void resume_computationGraphAfterPause_givesBitIdenticalParameters() throws Exception {
        assertResumeIsExact(true, false);
    }

    private void assertResumeIsExact(boolean graph, boolean kill) throws Exception {
        Path spec = TrainingTestSpecs.irisWithDropout(tmp.resolve("specs"), "resumable", EPOCHS, graph, "PT0.1S");
        TrainingLauncher launcher = TrainingLauncherTest.launcher(tmp);

        // GIVEN an uninterrupted run
        TrainingOutcome straight = launcher.start(TrainingLauncherTest.request("straight", spec, tmp)).awaitExit();
        assertThat(straight.status()).as(straight.message()).isEqualTo(TrainingOutcome.Status.COMPLETED);

        // WHEN the same job is stopped after its first checkpoint, then resumed in a new JVM
        TrainingRequest request = TrainingLauncherTest.request("interrupted", spec, tmp);
        TrainingProcess first = launcher.start(request);
        Path checkpoint = request.workDir().resolve("checkpoints").resolve(Checkpoints.FILE);
        awaitFile(checkpoint, first);
        TrainingOutcome stopped;
        if (kill) {
            first.kill();
            stopped = first.awaitExit();
            assertThat(stopped.status()).isEqualTo(TrainingOutcome.Status.FAILED);
            assertThat(stopped.message()).contains("killed");
            // A crash in the middle of writing the next checkpoint leaves a torn temp file behind.
            Files.writeString(checkpoint.resolveSibling(Checkpoints.FILE + ".tmp"), "torn");
        } else {
            first.requestPause();
            stopped = first.awaitExit();
            assertThat(stopped.status()).as(stopped.message()).isEqualTo(TrainingOutcome.Status.PAUSED);
            assertThat(stopped.message()).contains("paused at epoch");
        }
        assertThat(stopped.energy().itKwh()).isPositive();
        TrainingOutcome resumed = launcher.start(request).awaitExit();

        // THEN the parameters are bit-identical
        assertThat(resumed.status()).as(resumed.message()).isEqualTo(TrainingOutcome.Status.COMPLETED);
        assertThat(params(resumed.modelFile())).as("parameters after resume").isEqualTo(params(straight.modelFile()));
        assertThat(resumed.summary()).contains(EPOCHS + " epochs");
    }

    private static float[] params(Path modelZip) {
        Model net = Networks.restore(modelZip, false);
        return net.params().dup().data().asFloat();
    }

    private static void awaitFile(Path file, TrainingProcess process) throws InterruptedException {
        for (int i = 0; i < 600 && !Files.exists(file); i++) {
            Thread.sleep(100);
        }
        assertThat(file).as("checkpoint written while training (pid %d)", process.pid()).exists();
    }

}
