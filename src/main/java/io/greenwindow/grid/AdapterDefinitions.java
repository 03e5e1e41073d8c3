package io.greenwindow.grid;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemAlreadyExistsException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads adapter definitions ({@code *.yaml}) from a folder, or from the {@code grid-adapters/} folder on the
 * classpath, which the project ships. Errors name the file and the field.
 */
public final class AdapterDefinitions {

    public static final String CLASSPATH_FOLDER = "grid-adapters";
    private static final ObjectMapper YAML = JsonMapping.yaml();

    private AdapterDefinitions() {
    }

    /** The definitions in {@code dir}, or in the classpath folder when {@code dir} is null, by priority then name. */
    public static List<AdapterDefinition> load(Path dir) {
        if (dir != null) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("Grid adapter folder " + dir + " does not exist");
            }
            return loadFolder(dir);
        }
        return loadFromClasspath(AdapterDefinitions.class.getClassLoader());
    }

    /** The definitions in {@code grid-adapters/} of {@code loader}, from a folder or from inside a jar. */
    static List<AdapterDefinition> loadFromClasspath(ClassLoader loader) {
        URL url = loader.getResource(CLASSPATH_FOLDER);
        if (url == null) {
            throw new IllegalStateException("No " + CLASSPATH_FOLDER + "/ folder on the classpath");
        }
        try {
            if ("jar".equals(url.getProtocol())) {
                URI jar = URI.create(url.toString().substring(0, url.toString().indexOf("!/")));
                try (FileSystem fs = FileSystems.newFileSystem(jar, Map.of())) {
                    return loadFolder(fs.getPath(CLASSPATH_FOLDER));
                } catch (FileSystemAlreadyExistsException open) {
                    // Someone else opened the jar as a file system; use theirs and leave it open.
                    return loadFolder(FileSystems.getFileSystem(jar).getPath(CLASSPATH_FOLDER));
                }
            }
            return loadFolder(Path.of(url.toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<AdapterDefinition> loadFolder(Path dir) {
        List<AdapterDefinition> defs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    defs.add(parse(file.getFileName().toString(), YAML.readTree(in)));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read grid adapters in " + dir + ": " + e.getMessage(), e);
        }
        List<String> names = defs.stream().map(AdapterDefinition::name).toList();
        for (String name : names) {
            if (names.indexOf(name) != names.lastIndexOf(name)) {
                throw new IllegalArgumentException("Two grid adapter files in " + dir + " are named '" + name + "'");
            }
        }
        defs.sort(Comparator.comparingInt(AdapterDefinition::priority).thenComparing(AdapterDefinition::name));
        return defs;
    }

    /** One definition from its YAML tree; {@code origin} names it in errors. */
    public static AdapterDefinition parse(String origin, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(origin + ": must be a YAML mapping");
        }
        JsonNode budget = root.path("requestBudget");
        long requests = -1;
        Duration period = AdapterDefinition.DEFAULT_BUDGET_PERIOD;
        if (budget.isObject()) {
            requests = budget.path("requests").asLong(0);
            period = duration(origin, "requestBudget.period", budget.path("period"), period);
        } else if (!budget.isMissingNode() && !budget.isNull()) {
            throw new IllegalArgumentException(origin + ": requestBudget must be a mapping {requests: N, period: P30D}");
        }
        Map<String, Object> options = root.has("options")
                ? YAML.convertValue(root.get("options"), YAML.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class))
                : Map.of();
        return new AdapterDefinition(
                origin,
                text(root, "name"),
                text(root, "kind"),
                root.path("enabled").asBoolean(true),
                root.path("priority").asInt(AdapterDefinition.DEFAULT_PRIORITY),
                text(root, "baseUrl"),
                zones(origin, root.path("zones")),
                duration(origin, "staleAfter", root.path("staleAfter"), AdapterDefinition.DEFAULT_STALE_AFTER),
                duration(origin, "step", root.path("step"), null),
                requests,
                period,
                options);
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    /** A list of zones (provider code = zone) or a mapping zone → provider code. */
    private static Map<String, String> zones(String origin, JsonNode node) {
        Map<String, String> zones = new LinkedHashMap<>();
        if (node.isArray()) {
            node.forEach(z -> zones.put(z.asText(), z.asText()));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> zones.put(e.getKey(), e.getValue().asText()));
        } else if (!node.isMissingNode()) {
            throw new IllegalArgumentException(origin + ": zones must be a list or a mapping zone: provider-code");
        }
        return zones;
    }

    private static Duration duration(String origin, String field, JsonNode node, Duration fallback) {
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        try {
            return Duration.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(origin + ": " + field + " '" + node.asText()
                    + "' is not an ISO-8601 duration such as PT6H");
        }
    }
}
