package io.greenwindow.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
    void resume_multiLayerNetworkAfterPauseThenKill9_givesBitIdenticalParameters() throws Exception {
        assertResumeIsExact(false, true);
    }

    @Test
    void resume_computationGraphAfterPause_givesBitIdenticalParameters() throws Exception {
        assertResumeIsExact(true, false);
    }

    private void assertResumeIsExact(boolean graph, boolean thenKill) throws Exception {
        // A checkpoint at every batch keeps each run long enough to be stopped mid-way even on a fast machine.
        Path spec = TrainingTestSpecs.irisWithDropout(tmp.resolve("specs"), "resumable", EPOCHS, graph, "PT0.001S");
        TrainingLauncher launcher = TrainingLauncherTest.launcher(tmp);

        // GIVEN an uninterrupted run
        TrainingOutcome straight = launcher.start(TrainingLauncherTest.request("straight", spec, tmp)).awaitExit();
        assertThat(straight.status()).as(straight.message()).isEqualTo(TrainingOutcome.Status.COMPLETED);

        // WHEN the same job is paused after its first checkpoint and resumed in a new JVM
        TrainingRequest request = TrainingLauncherTest.request("interrupted", spec, tmp);
        Path checkpoint = request.workDir().resolve("checkpoints").resolve(Checkpoints.FILE);
        TrainingProcess first = launcher.start(request);
        awaitCheckpointAfter(checkpoint, null, first);
        first.requestPause();
        TrainingOutcome paused = first.awaitExit();
        assertThat(paused.status()).as(paused.message()).isEqualTo(TrainingOutcome.Status.PAUSED);
        assertThat(paused.message()).contains("paused at epoch");
        assertThat(paused.energy().itKwh()).isPositive();
        if (thenKill) {
            // ... and the resumed JVM is killed with SIGKILL after a later checkpoint, mid-write of the next one
            TrainingProcess second = launcher.start(request);
            awaitCheckpointAfter(checkpoint, Files.getLastModifiedTime(checkpoint), second);
            second.kill();
            TrainingOutcome killed = second.awaitExit();
            assertThat(killed.status()).isEqualTo(TrainingOutcome.Status.FAILED);
            assertThat(killed.message()).contains("killed");
            Files.writeString(checkpoint.resolveSibling(Checkpoints.FILE + ".tmp"), "torn");
        }
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
