package io.greenwindow.server;

import io.greenwindow.service.NodeLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How one greenwindow node is set up. The embedded default: H2 in {@code dataDir}, the replay grid adapters,
 * one local node in zone DE. {@code jdbcUrl} switches to PostgreSQL (several nodes on one database form a Quartz
 * cluster when {@code clustered}).
 */
public record ServerConfig(
        int port,
        Path dataDir,
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        boolean clustered,
        String nodeName,
        String zone,
        Double pue,
        NodeLimits limits,
        Path adaptersDir,
        Duration replanEvery,
        Duration nodeTimeout) {

    public static final int DEFAULT_PORT = 7070;
    public static final String DEFAULT_ZONE = "DE";

    public ServerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(limits, "limits");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Port " + port + " must be 0-65535");
        }
        if (pue != null && pue < 1.0) {
            throw new IllegalArgumentException("PUE " + pue + " must be >= 1.0");
        }
    }

    /**
     * Defaults overridden by the environment: GREENWINDOW_DB_URL, GREENWINDOW_DB_USER, GREENWINDOW_DB_PASSWORD,
     * GREENWINDOW_CLUSTERED, GREENWINDOW_NODE_TIMEOUT (a silent node's running jobs are taken over after it), GREENWINDOW_NODE, GREENWINDOW_ZONE, GREENWINDOW_PUE, GREENWINDOW_CAPACITY. The ledger
     * reads its embodied-hardware figures itself (GREENWINDOW_EMBODIED_KGCO2E, GREENWINDOW_HARDWARE_LIFESPAN_DAYS,
     * GREENWINDOW_EMBODIED_SHARE).
     */
    public static ServerConfig fromEnvironment(Map<String, String> env, int port, Path dataDir) {
        Path adapters = Path.of("grid-adapters");
        String pue = env.get("GREENWINDOW_PUE");
        String capacity = env.get("GREENWINDOW_CAPACITY");
        NodeLimits limits = capacity == null ? NodeLimits.defaults()
                : new NodeLimits(parseInt(capacity, "GREENWINDOW_CAPACITY"), 1, NodeLimits.DEFAULT_MAX_PHYSICAL_BYTES);
        return new ServerConfig(port, dataDir, env.get("GREENWINDOW_DB_URL"), env.getOrDefault("GREENWINDOW_DB_USER", ""),
                env.getOrDefault("GREENWINDOW_DB_PASSWORD", ""), Boolean.parseBoolean(env.get("GREENWINDOW_CLUSTERED")),
                env.getOrDefault("GREENWINDOW_NODE", "local"), env.getOrDefault("GREENWINDOW_ZONE", DEFAULT_ZONE),
                pue == null ? null : parseDouble(pue, "GREENWINDOW_PUE"), limits,
                Files.isDirectory(adapters) ? adapters : null, Duration.ofMinutes(15),
                duration(env.getOrDefault("GREENWINDOW_NODE_TIMEOUT", "PT2M"), "GREENWINDOW_NODE_TIMEOUT"));
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(newPort, dataDir, jdbcUrl, dbUser, dbPassword, clustered, nodeName, zone, pue, limits,
                adaptersDir, replanEvery, nodeTimeout);
    }

    private static Duration duration(String value, String name) {
        try {
            Duration d = Duration.parse(value.trim());
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive ISO-8601 duration, got '" + value + "'");
            }
            return d;
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT2M, got '" + value + "'");
        }
    }

    private static int parseInt(String value, String name) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }

    private static double parseDouble(String value, String name) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
        }
    }
}
