package io.greenwindow.job.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored document reads back into the very records that were written, for every kind of model and data. */
class JobDocumentsTest {

    private static final Schedule SCHEDULE = new Schedule(Instant.parse("2026-11-30T08:00:00Z"),
            Duration.ofMinutes(20), List.of("DE", "GB"), 1, true, 3, false);
    private static final TrainingSettings TRAINING = new TrainingSettings(5, 16, 7, "sgd", 0.1, Duration.ofSeconds(30));
    private static final LayerSpec OUT = new LayerSpec("output", 3, "softmax", 0, "mcxent");

    @Test
    void roundTrip_everyModelSourceAndDataKind_givesEqualRecords() {
        List<JobDocument> documents = List.of(
                new JobDocument("a", JobKind.TRAIN, "research", "a note", SCHEDULE,
                        new InferencePlan(1000, 365, 700, "GB", 1.2),
                        new ModelSpec.Layers(List.of(new LayerSpec("dense", 8, "relu", 0.1, "mcxent"), OUT), true),
                        new DataSpec.Csv(Path.of("/data/iris.csv"), 4, 3, 1), TRAINING),
                new JobDocument("b", JobKind.TRAIN, "t", null, SCHEDULE, null, new ModelSpec.Config(Path.of("/c.json")),
                        new DataSpec.CharCorpus(1, 20_000, 50), TRAINING),
                new JobDocument("c", JobKind.TRAIN, "t", null, SCHEDULE, null, new ModelSpec.Saved(Path.of("/m.zip")),
                        new DataSpec.CharCorpus(1, 20_000, 50), TRAINING),
                new JobDocument("d", JobKind.FINE_TUNE, "t", null, SCHEDULE, null,
                        new ModelSpec.FineTune(new BaseModel.OfJob("abc123"), 1, OUT),
                        new DataSpec.Csv(Path.of("/d.csv"), 0, 2, 0), TRAINING),
                new JobDocument("e", JobKind.FINE_TUNE, "t", null, SCHEDULE, null,
                        new ModelSpec.FineTune(new BaseModel.LatestOf("iris-classifier"), 0, OUT),
                        new DataSpec.Csv(Path.of("/d.csv"), 0, 2, 0), TRAINING),
                new JobDocument("f", JobKind.FINE_TUNE, "t", null, SCHEDULE, null,
                        new ModelSpec.FineTune(new BaseModel.File(Path.of("/models/x/model.zip")), 0, OUT),
                        new DataSpec.Csv(Path.of("/d.csv"), 0, 2, 0), TRAINING));
        for (JobDocument d : documents) {
            assertThat(JobDocuments.fromJson(JobDocuments.toJson(d))).isEqualTo(d);
        }
    }

    @Test
    void fromJson_aSpecStoredAsYamlByAnOlderVersion_saysToSubmitAgain() {
        assertThatThrownBy(() -> JobDocuments.fromJson("name: iris\nschedule: {deadline: PT8H}\n"))
                .isInstanceOf(JobDocuments.StoredDocumentException.class)
                .hasMessageContaining("submit the spec again");
    }
}
