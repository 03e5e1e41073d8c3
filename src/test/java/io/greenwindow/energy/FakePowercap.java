package io.greenwindow.energy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A writable copy of the fake powercap tree in src/test/resources/energy/powercap. */
public final class FakePowercap {

    private FakePowercap() {
    }

    public static Path copy(Path dir) throws IOException {
        Path source = Path.of("src/test/resources/energy/powercap");
        Path root = dir.resolve("powercap");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path target = root.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return root;
    }

    /** Replaces the counter atomically, as sysfs reads are: a reader never sees a half-written value. */
    public static void set(Path root, String zone, long microjoules) throws IOException {
        Path tmp = Files.writeString(root.resolve(zone).resolve("energy_uj.tmp"), microjoules + "\n");
        Files.move(tmp, root.resolve(zone).resolve("energy_uj"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
