package io.greenwindow.job.spec;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The folders a spec may read from. Every path a spec names is resolved to its real path (symlinks followed,
 * {@code ..} gone) and must lie under one of them, so that no spec can make the service read
 * {@code /proc/self/environ}, {@code /etc/shadow} or another team's files.
 */
public final class AllowedRoots {

    /** A path-separator ({@code :} on Linux) list of folders; replaces the default roots when set. */
    public static final String ENV = "GREENWINDOW_DATA_ROOTS";
    /** The examples folder beside the service, a default root. */
    public static final Path EXAMPLES = Path.of("training-configs");

    private final List<Path> roots;

    public AllowedRoots(List<Path> roots) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("At least one allowed root is needed");
        }
        List<Path> real = new ArrayList<>();
        for (Path root : roots) {
            real.add(realOrAbsolute(root));
        }
        this.roots = List.copyOf(real);
    }

    /** {@value #ENV} when set, else the data folder and {@code training-configs/} in the working directory. */
    public static AllowedRoots fromEnvironment(Map<String, String> env, Path dataDir) {
        String list = env.get(ENV);
        if (list == null || list.isBlank()) {
            return new AllowedRoots(List.of(dataDir, EXAMPLES));
        }
        List<Path> roots = new ArrayList<>();
        for (String part : list.split(File.pathSeparator)) {
            if (!part.isBlank()) {
                Path root = Path.of(part.trim());
                if (!root.isAbsolute()) {
                    throw new IllegalArgumentException(ENV + " must list absolute folders, got '" + part + "'");
                }
                roots.add(root);
            }
        }
        return new AllowedRoots(roots);
    }

    public List<Path> roots() {
        return roots;
    }

    /**
     * The real path of the regular file {@code value} names (relative to {@code dir}), or empty with a
     * problem naming {@code field}.
     */
    Optional<Path> file(String value, Path dir, String field, SpecFields fields) {
        Path given = dir.resolve(value).toAbsolutePath().normalize();
        if (!Files.exists(given)) {
            // Say "not found" only inside the roots: outside them, even whether a file exists is not told.
            fields.problem(field, isUnder(given) ? "file not found: " + given : outside(given));
            return Optional.empty();
        }
        Path real;
        try {
            real = given.toRealPath();
        } catch (IOException e) {
            fields.problem(field, outside(given));
            return Optional.empty();
        }
        if (!isUnder(real)) {
            fields.problem(field, isUnder(given) ? given + " leads to " + real + ", " + outsideRoots()
                    : outside(given));
            return Optional.empty();
        }
        if (!Files.isRegularFile(real)) {
            fields.problem(field, given + " is not a regular file");
            return Optional.empty();
        }
        return Optional.of(real);
    }

    /** The real path of a folder under the roots, or empty with a problem naming {@code field}. */
    Optional<Path> folder(Path dir, String field, SpecFields fields) {
        Path given = dir.toAbsolutePath().normalize();
        try {
            Path real = given.toRealPath();
            if (isUnder(real) && Files.isDirectory(real)) {
                return Optional.of(real);
            }
            fields.problem(field, isUnder(real) ? given + " is not a folder" : outside(given));
        } catch (IOException e) {
            fields.problem(field, isUnder(given) ? "folder not found: " + given : outside(given));
        }
        return Optional.empty();
    }

    private boolean isUnder(Path path) {
        return roots.stream().anyMatch(path::startsWith);
    }

    private String outside(Path path) {
        return path + " is " + outsideRoots();
    }

    private String outsideRoots() {
        return "outside the allowed roots (" + roots.stream().map(Path::toString).collect(Collectors.joining(", "))
                + "; set " + ENV + " to allow more)";
    }

    private static Path realOrAbsolute(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            return absolute; // not there yet (a data folder before first start): nothing under it exists either
        }
    }

    @Override
    public String toString() {
        return roots.toString();
    }
}
