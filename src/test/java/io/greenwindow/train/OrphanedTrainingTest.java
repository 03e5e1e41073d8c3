package io.greenwindow.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanedTrainingTest {

    @TempDir
    Path tmp;

    @Test
    void trainMain_whenTheServiceThatStartedItDies_checkpointsAndExitsPaused() throws Exception {
        // GIVEN a long job started by a stand-in "service" (a shell) that dies once training has checkpointed
        Path spec = TrainingTestSpecs.irisWithDropout(tmp.resolve("specs"), "long", 500, false, "PT0.1S");
        Path work = tmp.resolve("jobs/orphan");
        Path checkpoint = work.resolve("checkpoints").resolve(Checkpoints.FILE);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String child = String.join(" ", List.of(java, "-cp", "'" + System.getProperty("java.class.path") + "'",
                TrainMain.class.getName(), "--document", TrainingTestSpecs.documentFile(spec).toString(), "--work", work.toString(),
                "--models", tmp.resolve("models").toString(), "--job", "orphan"));
        Process service = new ProcessBuilder("sh", "-c", child + " >/dev/null 2>&1 & "
                + "while [ ! -f " + checkpoint + " ]; do sleep 0.1; done; exit 0").start();

        // WHEN the service exits (the child is re-parented and nobody meters it any more)
        assertThat(service.waitFor(120, TimeUnit.SECONDS)).isTrue();

        // THEN the child checkpoints at the next batch and leaves a PAUSED result to resume from
        Path result = work.resolve(ChildResult.FILE);
        for (int i = 0; i < 600 && !Files.exists(result); i++) {
            Thread.sleep(100);
        }
        ChildResult outcome = ChildResult.read(work);
        assertThat(outcome).isNotNull();
        assertThat(outcome.status()).isEqualTo("PAUSED");
        assertThat(outcome.message()).startsWith("the service that started this job is gone: paused at epoch");
        assertThat(checkpoint).exists();
    }

    @Test
    void start_whileAnotherJvmStillHoldsTheJob_waitsForItThenHonoursThePauseRequested() throws Exception {
        Path spec = TrainingTestSpecs.irisWithDropout(tmp.resolve("specs"), "locked", 1, false, "PT30S");
        TrainingRequest request = TrainingLauncherTest.request("locked", spec, tmp);
        Files.createDirectories(request.workDir());
        TrainingProcess process;
        // GIVEN an orphaned JVM (played by this test) that still holds the job
        try (var channel = java.nio.channels.FileChannel.open(request.workDir().resolve(TrainMain.LOCK_FILE),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                var lock = channel.lock()) {
            // WHEN the job is resumed
            process = TrainingLauncherTest.launcher(tmp).start(request);
            process.requestPause();
            Thread.sleep(3000);
            // THEN the new JVM has not trained while the old one held the job
            assertThat(request.workDir().resolve(ChildResult.FILE)).doesNotExist();
            assertThat(tmp.resolve("models/locked")).doesNotExist();
        }
        // ... and runs once it is released, seeing the service's pause request at its first batch boundary
        TrainingOutcome outcome = process.awaitExit();
        assertThat(outcome.status()).as(outcome.message()).isEqualTo(TrainingOutcome.Status.PAUSED);
        assertThat(outcome.message()).startsWith("paused at epoch 1 batch 1 of 1x15; checkpoint saved");
        assertThat(request.workDir().resolve("checkpoints").resolve(Checkpoints.FILE)).exists();
    }
}
