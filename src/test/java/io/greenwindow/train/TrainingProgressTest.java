package io.greenwindow.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15: a real training JVM reports its progress in progress.json; a paused job keeps how far it got. */
class TrainingProgressTest {

    @TempDir
    Path tmp;

    @Test
    void progress_pausedThenResumed_showsWhereItStoppedThenReachesAHundredPercent() throws Exception {
        // iris: 150 examples, batch 10 -> 15 batches an epoch; 4 epochs -> 60 batches, 600 examples in all.
        Path spec = TrainingTestSpecs.irisWithDropout(tmp.resolve("job"), "progress", 4, false, "PT30S");
        TrainingLauncher launcher = TrainingLauncherTest.launcher(tmp);
        TrainingRequest request = TrainingLauncherTest.request("progress", spec, tmp);
        TrainingRequest drill = new TrainingRequest(request.jobId(), request.documentFile(), request.workDir(),
                request.modelsDir(), request.ompThreads(), request.maxPhysicalBytes(), request.energyBinStep(),
                Map.of(TrainMain.PAUSE_DRILL_ENV, "23"));

        TrainingOutcome paused = launcher.start(drill).awaitExit();
        assertThat(paused.status()).as(paused.message()).isEqualTo(TrainingOutcome.Status.PAUSED);
        TrainingProgress atPause = ProgressFile.read(request.workDir()).orElseThrow();
        // 23 batches = 1 whole epoch (15) + 8 of the second; 23/60 = 38.3%.
        assertThat(atPause.epochsDone()).isEqualTo(1);
        assertThat(atPause.batchInEpoch()).isEqualTo(8);
        assertThat(atPause.examplesSeen()).isEqualTo(230);
        assertThat(atPause.fraction()).isCloseTo(23 / 60.0, within(1e-12));
        assertThat(atPause.percent()).isEqualTo("38%");
        assertThat(atPause.finished()).isFalse();
        assertThat(atPause.loss()).isPositive();
        assertThat(atPause.examplesPerSecond()).isPositive();
        assertThat(atPause.expectedEnd()).isAfter(atPause.updatedAt());
        assertThat(atPause.line()).startsWith("epoch 2/4, batch 8/15, 38%, ");

        TrainingOutcome done = launcher.start(request).awaitExit();
        assertThat(done.status()).as(done.message()).isEqualTo(TrainingOutcome.Status.COMPLETED);
        TrainingProgress end = ProgressFile.read(request.workDir()).orElseThrow();
        assertThat(end.finished()).isTrue();
        assertThat(end.percent()).isEqualTo("100%");
        assertThat(end.examplesSeen()).isEqualTo(600);
        assertThat(end.expectedEnd()).isEqualTo(end.updatedAt());
        assertThat(end.elapsedSeconds()).as("both segments' time").isGreaterThan(atPause.elapsedSeconds());
        assertThat(end.line()).startsWith("epoch 4/4, 100%, ");
        assertThat(request.workDir().resolve(ProgressFile.FILE + ".tmp")).doesNotExist();
        // The curve runs on over both segments: it starts in the first and ends at the last example.
        assertThat(end.losses().get(0).examples()).isLessThanOrEqualTo(230);
        assertThat(end.losses().get(end.losses().size() - 1).examples()).isEqualTo(600);
        assertThat(end.losses()).extracting(TrainingProgress.LossPoint::examples).isSorted();
        assertThat(end.losses()).extracting(TrainingProgress.LossPoint::examples).contains(230L);
    }

    @Test
    void append_beyondTheBound_keepsEveryOtherPointAndTheLatest() {
        java.util.List<TrainingProgress.LossPoint> curve = java.util.List.of();
        for (int i = 1; i <= TrainingProgress.MAX_LOSS_POINTS + 1; i++) {
            curve = TrainingProgress.append(curve, new TrainingProgress.LossPoint(i, 1.0 / i));
        }
        // 201 points thinned to indexes 0, 2, ..., 200: 101 points, examples 1, 3, ..., 201 (the latest is 201).
        assertThat(curve).hasSize(101);
        assertThat(curve.get(1).examples()).isEqualTo(3);
        assertThat(curve.get(100).examples()).isEqualTo(201);
        // A report at the same position (a resume) replaces the point rather than adding one.
        assertThat(TrainingProgress.append(curve, new TrainingProgress.LossPoint(201, 0.5))).hasSize(101);
    }

    @Test
    void read_missingOversizedOrDamaged_isEmpty() throws Exception {
        assertThat(ProgressFile.read(tmp)).isEmpty();
        Files.writeString(tmp.resolve(ProgressFile.FILE), "{\"epochsDone\": ");
        assertThat(ProgressFile.read(tmp)).isEmpty();
        Files.writeString(tmp.resolve(ProgressFile.FILE), " ".repeat((int) ProgressFile.MAX_BYTES + 1));
        assertThat(ProgressFile.read(tmp)).isEmpty();
    }
}
