package io.greenwindow.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.train.RotatingOutput;
import io.greenwindow.train.TrainingLauncher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child that prints far more than a segment's log may keep: the files on disk stay within their bound while it
 * writes, the newest output is kept whole and in order, and the reader returns its tail across the rotated files.
 */
class TrainerLogRotationTest {

    private static final int LINES = 300_000;

    @TempDir
    Path work;

    @Test
    void output_largerThanTheLimit_isRotatedBounded_andReadAcrossFiles() throws Exception {
        // GIVEN a real child process writing "line 1" .. "line 300000" (about 3.3 MB) and a limit of 3 x 256 KiB
        RotatingOutput.Limits limits = new RotatingOutput.Limits(256 * 1024, 3);
        Path live = work.resolve(TrainingLauncher.OUTPUT_PREFIX + "1000.log");
        Process child = new ProcessBuilder("/bin/sh", "-c", "seq 1 " + LINES + " | sed 's/^/line /'")
                .redirectErrorStream(true).start();
        RotatingOutput output = RotatingOutput.start(child.getInputStream(), live, limits);
        assertThat(child.waitFor()).isZero();
        output.awaitDrained(Duration.ofMinutes(1));

        // The whole output, built here independently of the copier.
        StringBuilder all = new StringBuilder();
        for (int i = 1; i <= LINES; i++) {
            all.append("line ").append(i).append('\n');
        }
        byte[] expected = all.toString().getBytes(StandardCharsets.US_ASCII);

        // THEN at most 3 files of at most 256 KiB each are kept, and what was deleted is counted
        List<Path> parts = RotatingOutput.parts(live);
        assertThat(parts).hasSizeBetween(2, 3).endsWith(live);
        long kept = 0;
        StringBuilder joined = new StringBuilder();
        for (Path p : parts) {
            assertThat(Files.size(p)).as(p.toString()).isLessThanOrEqualTo(limits.fileBytes());
            kept += Files.size(p);
            joined.append(Files.readString(p, StandardCharsets.US_ASCII));
        }
        try (var listing = Files.list(work)) {
            assertThat(listing.filter(p -> p.getFileName().toString().startsWith(TrainingLauncher.OUTPUT_PREFIX))
                    .count()).as("the live file, its rotated parts and the dropped count").isLessThanOrEqualTo(4);
        }
        assertThat(kept + RotatingOutput.dropped(live)).isEqualTo(expected.length);
        // the kept files, oldest first, are exactly the end of the output: nothing lost or reordered between them
        assertThat(all.toString()).endsWith(joined.toString());
        assertThat(kept).isGreaterThan(limits.fileBytes()); // more than one file's worth is kept

        // AND the reader gives the last 256 KiB across the files, from a whole line, with the full size
        TrainerLogs.Segment segment = new TrainerLogs(work).segment(1);
        assertThat(segment.bytes()).isEqualTo(expected.length);
        assertThat(segment.truncated()).isTrue();
        assertThat(segment.text().length()).isLessThanOrEqualTo(TrainerLogs.MAX_BYTES).isGreaterThan(200_000);
        assertThat(segment.text()).startsWith("line ").endsWith("line " + LINES + "\n");
        assertThat(all.toString()).endsWith(segment.text());
        assertThat(new TrainerLogs(work).count()).isEqualTo(1);
    }

    @Test
    void output_withinTheLimit_isOneFile_readWhole() throws Exception {
        Path live = work.resolve(TrainingLauncher.OUTPUT_PREFIX + "2000.log");
        Process child = new ProcessBuilder("/bin/sh", "-c", "echo epoch 1; echo epoch 2 >&2").redirectErrorStream(true)
                .start();
        RotatingOutput output = RotatingOutput.start(child.getInputStream(), live, RotatingOutput.Limits.DEFAULT);
        assertThat(child.waitFor()).isZero();
        output.awaitDrained(Duration.ofMinutes(1));

        assertThat(RotatingOutput.parts(live)).containsExactly(live);
        TrainerLogs.Segment segment = new TrainerLogs(work).segment(1);
        assertThat(segment.truncated()).isFalse();
        assertThat(segment.text()).isEqualTo("epoch 1\nepoch 2\n");
        assertThat(segment.bytes()).isEqualTo(16);
    }
}
