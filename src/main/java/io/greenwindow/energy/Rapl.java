package io.greenwindow.energy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the RAPL zones under a powercap tree ({@code /sys/class/powercap}) that together count a node's CPU and
 * memory energy once: each package zone {@code intel-rapl:N} (its core/uncore subzones are part of it and are
 * skipped) plus DRAM zones, which packages do not include. {@code psys} (the whole platform) overlaps both and
 * is skipped. The result says plainly why RAPL cannot be used when it cannot.
 */
public final class Rapl {

    public static final Path DEFAULT_ROOT = Path.of("/sys/class/powercap");

    private Rapl() {
    }

    public sealed interface Access permits Readable, Unreadable {
    }

    public record Readable(List<RaplDomain> domains) implements Access {
        public Readable {
            domains = List.copyOf(domains);
        }
    }

    public record Unreadable(String reason) implements Access {
    }

    public static Access probe(Path root) {
        if (!Files.isDirectory(root)) {
            return new Unreadable("no RAPL: " + root + " does not exist (not an Intel/AMD host with powercap, or a "
                    + "container that hides /sys)");
        }
        List<RaplDomain> domains = new ArrayList<>();
        try (Stream<Path> zones = Files.list(root)) {
            for (Path zone : zones.sorted().toList()) {
                String id = zone.getFileName().toString();
                if (!id.startsWith("intel-rapl:") && !id.startsWith("amd-rapl:")) {
                    continue;
                }
                String name = readText(zone.resolve("name")).trim();
                boolean subzone = id.chars().filter(c -> c == ':').count() > 1;
                Component component;
                if (name.startsWith("dram")) {
                    component = Component.RAM;
                } else if (!subzone && name.startsWith("package")) {
                    component = Component.CPU;
                } else {
                    continue; // core, uncore (inside their package), psys (overlaps everything)
                }
                long max = Long.parseLong(readText(zone.resolve("max_energy_range_uj")).trim());
                readText(zone.resolve("energy_uj")); // fail now, not at the first sample, when unreadable
                domains.add(new RaplDomain(zone, name, component, max));
            }
        } catch (AccessDeniedException e) {
            return new Unreadable("RAPL counters are not readable: " + e.getFile() + " is root-only since Linux 5.10 "
                    + "(CVE-2020-8694); run the service with read access to energy_uj or use the model");
        } catch (IOException | RuntimeException e) {
            return new Unreadable("RAPL counters cannot be read under " + root + ": " + e.getMessage());
        }
        if (domains.stream().noneMatch(d -> d.component() == Component.CPU)) {
            return new Unreadable("no RAPL package zone under " + root);
        }
        return new Readable(domains);
    }

    private static String readText(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (AccessDeniedException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static long readMicrojoules(RaplDomain domain) {
        try {
            return Long.parseLong(Files.readString(domain.dir().resolve("energy_uj")).trim());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + domain.dir().resolve("energy_uj") + ": " + e, e);
        }
    }
}
