package io.greenwindow.energy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples appended to a file and forced to disk one by one, so that a crash of the service or of the node loses
 * at most the interval since the last sample. One line per reading: {@code epochMillis;component;method;joules;detail},
 * and a line {@value #END} closing each sample: two samples of the same millisecond (a final reading taken just
 * after a periodic one) stay two samples, and a sample cut by a crash mid-write is recognised and left out.
 */
public final class EnergySampleLog implements AutoCloseable {

    /** The line that closes each sample. */
    static final String END = "#";
    /** The line that closes the segment's final sample: the segment's energy was measured to its end. */
    static final String FINAL = "#final";

    private final FileChannel channel;

    public EnergySampleLog(Path file) throws IOException {
        this(open(file));
    }

    /** A log written through {@code channel}, opened for appending by the caller (tests hand one that fills up). */
    public EnergySampleLog(FileChannel channel) {
        this.channel = channel;
    }

    private static FileChannel open(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    public void append(EnergySample sample) throws IOException {
        append(sample, END);
    }

    /** Appends the segment's last sample, taken when it ended; a log without one was cut short by a crash. */
    public void appendFinal(EnergySample sample) throws IOException {
        append(sample, FINAL);
    }

    private synchronized void append(EnergySample sample, String closing) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (MeterReading r : sample.readings()) {
            lines.append(sample.at().toEpochMilli()).append(';').append(r.component()).append(';')
                    .append(r.method()).append(';').append(r.joules()).append(';')
                    .append(r.detail().replace('\n', ' ').replace(';', ',')).append('\n');
        }
        if (sample.readings().isEmpty()) {
            lines.append(sample.at().toEpochMilli()).append(";;;;\n");
        }
        lines.append(closing).append('\n');
        ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
    }

    /**
     * Samples read back from a log, for example after a crash. A sample whose closing line is missing was cut by
     * the crash and is left out (the samples before it are whole); a log written before samples were closed is
     * read by grouping lines of the same instant.
     */
    public static List<EnergySample> read(Path file) throws IOException {
        List<EnergySample> samples = new ArrayList<>();
        if (!Files.exists(file)) {
            return samples;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        boolean closed = lines.contains(END) || lines.contains(FINAL);
        long currentAt = Long.MIN_VALUE;
        List<MeterReading> readings = new ArrayList<>();
        for (String line : lines) {
            if (line.equals(END) || line.equals(FINAL)) {
                if (currentAt != Long.MIN_VALUE) {
                    samples.add(new EnergySample(Instant.ofEpochMilli(currentAt), readings));
                }
                currentAt = Long.MIN_VALUE;
                readings = new ArrayList<>();
                continue;
            }
            String[] f = line.split(";", 5);
            if (f.length < 5) {
                continue;
            }
            long at;
            try {
                at = Long.parseLong(f[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (!closed && at != currentAt && currentAt != Long.MIN_VALUE) {
                samples.add(new EnergySample(Instant.ofEpochMilli(currentAt), readings));
                readings = new ArrayList<>();
            }
            currentAt = at;
            if (!f[1].isEmpty()) {
                try {
                    readings.add(new MeterReading(Component.valueOf(f[1]), Double.parseDouble(f[3]),
                            EnergyMethod.valueOf(f[2]), f[4]));
                } catch (IllegalArgumentException torn) {
                    // A line cut by a crash mid-write: the sample before it is still whole.
                }
            }
        }
        if (!closed && currentAt != Long.MIN_VALUE) {
            samples.add(new EnergySample(Instant.ofEpochMilli(currentAt), readings));
        }
        return samples;
    }

    /** Whether the log holds its segment's final sample, i.e. the energy was measured to the segment's end. */
    public static boolean finished(Path file) throws IOException {
        return Files.exists(file) && Files.readAllLines(file, StandardCharsets.UTF_8).contains(FINAL);
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
