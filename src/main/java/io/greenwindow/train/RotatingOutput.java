package io.greenwindow.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a trainer's output into its segment's log while it runs, bounded on disk: when the live file
 * ({@code output-<millis>.log}) would pass {@link Limits#fileBytes} it becomes {@code .1}, the older parts move up
 * one ({@code .2}, ...) and the oldest beyond {@link Limits#files} is deleted, its size added to {@code .dropped}.
 * So a trainer that prints without end keeps at most {@code files x fileBytes} on disk, the newest of it.
 */
public final class RotatingOutput {

    private static final Logger LOG = LoggerFactory.getLogger(RotatingOutput.class);
    private static final String DROPPED = ".dropped";

    /** How much output one segment keeps: {@code files} files (the live one included) of {@code fileBytes}. */
    public record Limits(long fileBytes, int files) {
        /** 4 files of 2 MiB: the newest 8 MiB of a segment's output. */
        public static final Limits DEFAULT = new Limits(2L * 1024 * 1024, 4);

        public Limits {
            if (fileBytes < 1024) {
                throw new IllegalArgumentException("Log file size " + fileBytes + " must be at least 1024 bytes");
            }
            if (files < 1 || files > 100) {
                throw new IllegalArgumentException("Log file count " + files + " must be from 1 to 100");
            }
        }

        /** Size of one file of a segment's trainer output, whole KiB; unset means 2048 (2 MiB). */
        public static final String ENV_FILE_KIB = "GREENWINDOW_TRAINER_LOG_FILE_KIB";
        /** How many files of a segment's trainer output are kept, the live one included; unset means 4. */
        public static final String ENV_FILES = "GREENWINDOW_TRAINER_LOG_FILES";
        /** One file of at most 1 GiB: more is a typo (MiB meant as KiB), not a log anybody reads. */
        static final long MAX_FILE_KIB = 1024L * 1024;

        /**
         * {@link #DEFAULT} overridden by {@value #ENV_FILE_KIB} and {@value #ENV_FILES} (blank counts as unset). A
         * bad value throws {@link IllegalArgumentException} naming the variable, the value and what it must be, so
         * that the service refuses to start rather than fill a disk or keep nothing.
         */
        public static Limits fromEnvironment(Map<String, String> env) {
            long kib = whole(env, ENV_FILE_KIB, DEFAULT.fileBytes() / 1024, 1, MAX_FILE_KIB,
                    "a whole number of KiB from 1 to " + MAX_FILE_KIB + ", e.g. 2048 for 2 MiB");
            long files = whole(env, ENV_FILES, DEFAULT.files(), 1, 100, "a whole number of files from 1 to 100");
            return new Limits(kib * 1024, (int) files);
        }

        private static long whole(Map<String, String> env, String name, long unset, long min, long max,
                String expected) {
            String value = env == null ? null : env.get(name);
            if (value == null || value.isBlank()) {
                return unset;
            }
            long n;
            try {
                n = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " is '" + value + "': it must be " + expected);
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " is '" + value + "': it must be " + expected);
            }
            return n;
        }
    }

    private final Thread pump;

    private RotatingOutput(Thread pump) {
        this.pump = pump;
    }

    /** Starts copying {@code output} (the child's stdout and stderr) into {@code live} on a daemon thread. */
    public static RotatingOutput start(InputStream output, Path live, Limits limits) {
        Thread t = new Thread(() -> copy(output, live, limits), "trainer-output");
        t.setDaemon(true);
        t.start();
        return new RotatingOutput(t);
    }

    /** Waits until all the output the process wrote is on disk (the process has exited), at most {@code max}. */
    public void awaitDrained(Duration max) {
        try {
            pump.join(max.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(InputStream output, Path live, Limits limits) {
        byte[] buffer = new byte[8192];
        try (InputStream in = output) {
            OutputStream out = Files.newOutputStream(live, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            long size = Files.size(live);
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (size > 0 && size + n > limits.fileBytes()) {
                        out.close();
                        rotate(live, limits);
                        out = Files.newOutputStream(live, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                        size = 0;
                    }
                    out.write(buffer, 0, n);
                    out.flush(); // a reader (`greenwindow logs --follow`) sees each line as it comes
                    size += n;
                }
            } finally {
                out.close();
            }
        } catch (IOException e) {
            // A full disk must not stop the training: its output is lost from here on, and the log says why.
            LOG.error("The trainer's output to {} stopped being written: {}", live, e.getMessage());
        }
    }

    /** live -> .1 -> .2 ...; the part beyond the limit is deleted and counted. */
    private static void rotate(Path live, Limits limits) throws IOException {
        int keep = limits.files() - 1;
        Path oldest = part(live, Math.max(1, keep));
        if (keep == 0) {
            oldest = live;
        }
        if (Files.exists(oldest)) {
            long dropped = dropped(live) + Files.size(oldest);
            Files.delete(oldest);
            Path mark = live.resolveSibling(live.getFileName() + DROPPED);
            Path temp = live.resolveSibling(live.getFileName() + DROPPED + ".tmp");
            Files.writeString(temp, Long.toString(dropped));
            Files.move(temp, mark, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(part(live, i))) {
                Files.move(part(live, i), part(live, i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (keep >= 1 && Files.exists(live)) {
            Files.move(live, part(live, 1), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path part(Path live, int i) {
        return live.resolveSibling(live.getFileName() + "." + i);
    }

    /** The files of one segment's log, oldest first, the live file last (those that exist). */
    public static List<Path> parts(Path live) {
        List<Path> parts = new ArrayList<>();
        for (int i = 1; Files.exists(part(live, i)); i++) {
            parts.add(0, part(live, i));
        }
        if (Files.exists(live)) {
            parts.add(live);
        }
        return parts;
    }

    /** How many bytes of the segment's output rotation deleted (0 when none). */
    public static long dropped(Path live) {
        Path mark = live.resolveSibling(live.getFileName() + DROPPED);
        try {
            return Files.exists(mark) ? Long.parseLong(Files.readString(mark).trim()) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + mark, e);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
