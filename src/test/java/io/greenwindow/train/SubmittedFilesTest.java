package io.greenwindow.train;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.greenwindow.job.spec.JobDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file confined at submission and swapped for a link out of the roots afterwards is not read by the trainer. */
class SubmittedFilesTest {

    @TempDir
    Path tmp;

    @Test
    void load_dataFileReplacedByALinkAfterSubmission_isRefusedWithoutReadingIt() throws Exception {
        Path spec = TrainingTestSpecs.irisWithDropout(tmp, "swap", 1, false, "PT30S");
        JobDocument document = TrainingTestSpecs.document(spec);
        Path data = tmp.resolve("iris.csv").toRealPath();
        Files.delete(data);
        Files.createSymbolicLink(data, Path.of("/etc/passwd"));

        assertThatThrownBy(() -> TrainingData.load(document.data())).isInstanceOf(TrainingFailure.class)
                .hasMessage("data.path: " + data + " was replaced by a link since submission; submit the spec again");
    }
}
