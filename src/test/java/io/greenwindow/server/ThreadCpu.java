package io.greenwindow.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of this process's threads by name (Linux {@code /proc/self/task}), JVM threads included: the garbage
 * collector and the JIT compilers are not Java threads, so neither JFR's samples nor ThreadMXBean see them. A
 * bench's diagnostic; empty where /proc is absent.
 */
final class ThreadCpu {

    private final Map<String, Long> ticksByThread;

    private ThreadCpu(Map<String, Long> ticksByThread) {
        this.ticksByThread = ticksByThread;
    }

    static ThreadCpu now() {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(t -> {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(t.getFileName() + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException e) {
                    // a thread that ended meanwhile
                }
            });
        } catch (IOException e) {
            return new ThreadCpu(Map.of());
        }
        return new ThreadCpu(ticks);
    }

    /** Seconds of CPU since {@code before}, by thread name with its number dropped ("GC Thread#3" -> "GC Thread"). */
    String since(ThreadCpu before) {
        Map<String, Long> byGroup = new TreeMap<>();
        ticksByThread.forEach((thread, ticks) -> {
            long delta = ticks - before.ticksByThread.getOrDefault(thread, 0L);
            String group = thread.substring(thread.indexOf(' ') + 1).replaceAll("[#-]?\\d+$", "");
            byGroup.merge(group, delta, Long::sum);
        });
        StringBuilder s = new StringBuilder();
        byGroup.entrySet().stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> s.append(String.format(Locale.ROOT, "  %-24s %6.2f s%n", e.getKey(), e.getValue() / 100.0)));
        return s.toString();
    }
}
