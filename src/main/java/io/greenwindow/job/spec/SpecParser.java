package io.greenwindow.job.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the YAML a user wrote into a {@link JobSpec}, or refuses it with every problem named by field. The
 * schedule and inference sections are checked here; the model, data and training sections by the trainer.
 */
public final class SpecParser {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP_LEVEL = Set.of("name", "kind", "team", "model", "data", "training", "schedule",
            "inference", "description");
    private static final Set<String> SCHEDULE = Set.of("deadline", "estimatedDuration", "zones", "zone", "gpus",
            "interruptible", "priority", "urgent");
    private static final Set<String> INFERENCE = Set.of("requestsPerDay", "lifetimeDays", "tokensPerResponse", "zone", "pue",
            "servedAlongside");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final String DEFAULT_TEAM = "default";

    private final Clock clock;
    private final Set<String> knownZones;
    private final String defaultZone;
    private final TrainingSectionValidator trainingValidator;

    /**
     * @param knownZones zones that have a grid signal; an empty set accepts any zone
     * @param defaultZone the zone of a spec that names none (the local node's)
     */
    public SpecParser(Clock clock, Set<String> knownZones, String defaultZone, TrainingSectionValidator trainingValidator) {
        this.clock = clock;
        this.knownZones = Set.copyOf(knownZones);
        this.defaultZone = defaultZone;
        this.trainingValidator = trainingValidator;
    }

    /**
     * @param source how to name the spec in errors (its file name), or null
     * @param specDir the folder relative paths in the spec are resolved against
     * @param deadlineOverride a deadline given on the command line, replacing {@code schedule.deadline}; or null
     */
    public JobSpec parse(String yaml, String source, Path specDir, String deadlineOverride) {
        List<String> problems = new ArrayList<>();
        JsonNode root = readTree(yaml, source);
        SpecFields fields = new SpecFields(problems);
        unknownFields(root, "", TOP_LEVEL, fields);

        String name = fields.text(root.get("name"), "name", null);
        if (name == null || name.isEmpty()) {
            fields.problem("name", "is required (letters, digits, '.', '_' or '-')");
        } else if (!NAME.matcher(name).matches()) {
            fields.problem("name", "must be 1-64 letters, digits, '.', '_' or '-', got '" + name + "'");
        }
        String kindWord = fields.text(root.get("kind"), "kind", "train");
        JobKind kind = JobKind.fromWord(kindWord);
        if (kind == null) {
            fields.problem("kind", "must be 'train' or 'fine-tune', got '" + kindWord + "'");
        }
        String team = fields.text(root.get("team"), "team", DEFAULT_TEAM);

        Schedule schedule = parseSchedule(root.get("schedule"), deadlineOverride, fields);
        InferencePlan inference = parseInference(root.get("inference"), schedule, fields);

        Path dir = specDir == null ? Path.of("").toAbsolutePath() : specDir.toAbsolutePath();
        SpecPaths.makeAbsolute(root, dir);
        problems.addAll(trainingValidator.validate(root, dir));

        if (!problems.isEmpty()) {
            throw new InvalidSpecException(source, problems);
        }
        if (inference != null) {
            // The stored document says which zone the projection uses, even where the user left it to the default.
            ((ObjectNode) root.get("inference")).put("zone", inference.zone());
        }
        return new JobSpec(name, kind, team, schedule, inference, write(root));
    }

    private Schedule parseSchedule(JsonNode node, String deadlineOverride, SpecFields fields) {
        if (node == null || !node.isObject()) {
            fields.problem("schedule", node == null ? "is required (deadline, estimatedDuration, zones, ...)"
                    : "must be a mapping, got " + SpecFields.describe(node));
            return null;
        }
        unknownFields(node, "schedule.", SCHEDULE, fields);
        Instant now = clock.instant();
        String deadlineText = deadlineOverride != null ? deadlineOverride
                : fields.text(node.get("deadline"), "schedule.deadline", null);
        String deadlineField = deadlineOverride != null ? "--deadline" : "schedule.deadline";
        Instant deadline = null;
        if (deadlineText == null) {
            fields.problem("schedule.deadline", "is required (PT8H from submission, or an instant)");
        } else {
            deadline = fields.deadline(deadlineText, deadlineField, now);
        }
        String durationText = fields.text(node.get("estimatedDuration"), "schedule.estimatedDuration", null);
        Duration duration = null;
        if (durationText == null) {
            fields.problem("schedule.estimatedDuration", "is required (an ISO-8601 duration such as PT20M)");
        } else {
            duration = fields.positiveDuration(durationText, "schedule.estimatedDuration");
        }
        List<String> zones = zones(node, fields);
        int gpus = fields.wholeNumber(node.get("gpus"), "schedule.gpus", 0, 0);
        boolean interruptible = fields.bool(node.get("interruptible"), "schedule.interruptible", false);
        int priority = fields.wholeNumber(node.get("priority"), "schedule.priority", 0, 0);
        boolean urgent = fields.bool(node.get("urgent"), "schedule.urgent", false);
        if (deadline == null || duration == null || zones.isEmpty()) {
            return null;
        }
        return new Schedule(deadline, duration, zones, gpus, interruptible, priority, urgent);
    }

    private List<String> zones(JsonNode schedule, SpecFields fields) {
        JsonNode node = schedule.has("zones") ? schedule.get("zones") : schedule.get("zone");
        String field = schedule.has("zones") ? "schedule.zones" : "schedule.zone";
        List<String> zones = new ArrayList<>();
        if (node == null || node.isNull()) {
            zones.add(defaultZone);
            return zones;
        }
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        for (int i = 0; i < items.size(); i++) {
            String itemField = node.isArray() ? field + "[" + i + "]" : field;
            String zone = fields.text(items.get(i), itemField, null);
            if (zone == null || zone.isEmpty()) {
                fields.problem(itemField, "must name a zone");
            } else if (!knownZones.isEmpty() && !knownZones.contains(zone)) {
                fields.problem(itemField, "unknown zone '" + zone + "' (zones with a grid signal: "
                        + String.join(", ", knownZones.stream().sorted().toList()) + ")");
            } else {
                zones.add(zone);
            }
        }
        if (items.isEmpty()) {
            fields.problem(field, "must list at least one zone");
        }
        return zones;
    }

    private InferencePlan parseInference(JsonNode node, Schedule schedule, SpecFields fields) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            fields.problem("inference", "must be a mapping, got " + SpecFields.describe(node));
            return null;
        }
        unknownFields(node, "inference.", INFERENCE, fields);
        Double requests = fields.number(node.get("requestsPerDay"), "inference.requestsPerDay", 0);
        if (requests == null && !node.has("requestsPerDay")) {
            fields.problem("inference.requestsPerDay", "is required when an inference section is given");
        }
        int lifetime = fields.wholeNumber(node.get("lifetimeDays"), "inference.lifetimeDays", -1, 0);
        if (!node.has("lifetimeDays")) {
            fields.problem("inference.lifetimeDays", "is required when an inference section is given");
        }
        Integer tokens = node.has("tokensPerResponse")
                ? fields.wholeNumber(node.get("tokensPerResponse"), "inference.tokensPerResponse", -1, 1) : null;
        String zone = fields.text(node.get("zone"), "inference.zone",
                schedule == null ? defaultZone : schedule.zones().get(0));
        if (!knownZones.isEmpty() && !knownZones.contains(zone)) {
            fields.problem("inference.zone", "unknown zone '" + zone + "'");
        }
        Double pue = fields.number(node.get("pue"), "inference.pue", 1.0);
        boolean alongside = fields.bool(node.get("servedAlongside"), "inference.servedAlongside", false);
        if (requests == null || lifetime < 0 || (tokens != null && tokens < 1)) {
            return null;
        }
        return new InferencePlan(requests, lifetime, tokens, zone, pue, alongside);
    }

    /**
     * The inference section of a spec this parser accepted before (a stored {@link JobSpec#document()}), or null
     * when it has none.
     */
    public static InferencePlan inferenceOf(String document) {
        JsonNode root;
        try {
            root = YAML.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored spec is no longer valid YAML: " + e.getOriginalMessage(), e);
        }
        JsonNode node = root.path("inference");
        if (!node.isObject()) {
            return null;
        }
        JsonNode zones = root.path("schedule").path("zones");
        String firstZone = zones.isArray() && zones.size() > 0 ? zones.get(0).asText()
                : root.path("schedule").path("zone").asText(null);
        return new InferencePlan(node.path("requestsPerDay").asDouble(), node.path("lifetimeDays").asInt(),
                node.has("tokensPerResponse") ? node.get("tokensPerResponse").asInt() : null,
                node.path("zone").asText(firstZone),
                node.has("pue") ? node.get("pue").asDouble() : null, node.path("servedAlongside").asBoolean(false));
    }

    private static void unknownFields(JsonNode node, String prefix, Set<String> known, SpecFields fields) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                fields.problem(prefix + field, "unknown field (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static JsonNode readTree(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidSpecException(source, List.of("not valid YAML" + where + ": " + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidSpecException(source, List.of("a spec must be a YAML mapping (name, schedule, model, ...)"));
        }
        return (ObjectNode) root;
    }

    private static String write(JsonNode root) {
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write back a spec that was just read", e);
        }
    }
}
