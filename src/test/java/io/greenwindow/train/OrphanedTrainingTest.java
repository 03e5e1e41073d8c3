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
                TrainMain.class.getName(), "--spec", spec.toString(), "--work", work.toString(),
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
}
