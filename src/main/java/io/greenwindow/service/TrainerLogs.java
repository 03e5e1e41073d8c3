package io.greenwindow.service;

import io.greenwindow.train.RotatingOutput;
import io.greenwindow.train.TrainingLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The trainer's output of each segment of one job, oldest first, read back within a bound: a segment's log may be
 * large (and rotated on disk, see {@link RotatingOutput}), and only its last {@link #MAX_BYTES} are returned, read
 * across its rotated files. A segment's size counts what rotation deleted too, so it only grows.
 */
public final class TrainerLogs {

    /** The most of one segment's output a reader gets: its end, where the failure or the final loss is. */
    public static final int MAX_BYTES = 256 * 1024;

    private final Path workDir;

    /** @param workDir the job's work folder; null: the job has no files here */
    TrainerLogs(Path workDir) {
        this.workDir = workDir;
    }

    /** One segment's output: its number (1-based), all it wrote (bytes), and its text (the tail when cut). */
    public record Segment(int segment, long bytes, boolean truncated, String text) {
    }

    /** How many segments have written output. */
    public int count() {
        return files().size();
    }

    /**
     * Segment {@code n} (1-based); null when it has not run.
     *
     * @throws IllegalArgumentException when {@code n} is below 1
     */
    public Segment segment(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("segment: must be 1 or more, got " + n);
        }
        List<Path> files = files();
        if (n > files.size()) {
            return null;
        }
        Path live = files.get(n - 1);
        try {
            // The tail of the segment's output across its rotated files (oldest first, the live one last).
            List<Path> parts = RotatingOutput.parts(live);
            List<byte[]> tail = new ArrayList<>();
            long kept = 0;
            int wanted = MAX_BYTES;
            for (int i = parts.size() - 1; i >= 0; i--) {
                try (FileChannel channel = FileChannel.open(parts.get(i), StandardOpenOption.READ)) {
                    long size = channel.size();
                    kept += size;
                    long from = Math.max(0, size - wanted);
                    ByteBuffer buffer = ByteBuffer.allocate((int) (size - from));
                    while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) > 0) {
                        // read until the end seen at open; a trainer still writing adds more for the next read
                    }
                    tail.add(0, java.util.Arrays.copyOf(buffer.array(), buffer.position()));
                    wanted -= buffer.position();
                }
            }
            java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
            for (byte[] part : tail) {
                joined.writeBytes(part);
            }
            long total = kept + RotatingOutput.dropped(live);
            boolean cut = joined.size() < total;
            String text = joined.toString(StandardCharsets.UTF_8);
            if (cut) {
                int firstLine = text.indexOf('\n');
                text = firstLine < 0 ? text : text.substring(firstLine + 1); // no half line at the cut
            }
            return new Segment(n, total, cut, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trainer's output of segment " + n, e);
        }
    }

    private List<Path> files() {
        if (workDir == null || !Files.isDirectory(workDir)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(workDir)) {
            List<Path> files = new ArrayList<>(listing.filter(TrainerLogs::isOutput).toList());
            files.sort(Comparator.comparingLong(TrainerLogs::startMillis));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the trainer's output", e);
        }
    }

    private static boolean isOutput(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(TrainingLauncher.OUTPUT_PREFIX) && name.endsWith(".log") && startMillis(p) >= 0;
    }

    private static long startMillis(Path p) {
        String name = p.getFileName().toString();
        try {
            return Long.parseLong(name.substring(TrainingLauncher.OUTPUT_PREFIX.length(), name.length() - 4));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return -1;
        }
    }
}
