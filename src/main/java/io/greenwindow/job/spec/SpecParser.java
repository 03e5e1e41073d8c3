package io.greenwindow.job.spec;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Predicate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The one reader of specs: turns the YAML a user wrote into a {@link JobDocument}, or refuses it with every
 * problem named by field. Every bound is checked and every file resolved under the {@link AllowedRoots} here,
 * before anything is stored; the document is then stored and handed to the trainer as it is.
 */
public final class SpecParser {

    static final ObjectMapper YAML = JsonMapping.yaml();
    private static final Set<String> TOP_LEVEL = Set.of("name", "kind", "team", "model", "data", "training", "schedule",
            "inference", "description");
    private static final Set<String> SCHEDULE = Set.of("deadline", "estimatedDuration", "zones", "zone", "gpus",
            "interruptible", "priority", "urgent");
    private static final Set<String> INFERENCE = Set.of("requestsPerDay", "lifetimeDays", "tokensPerResponse", "zone", "pue",
            "servedAlongside");
    public static final String DEFAULT_TEAM = "default";

    private final Clock clock;
    private final Set<String> knownZones;
    private final String defaultZone;
    private final AllowedRoots roots;
    private final Predicate<String> jobExists;

    /**
     * @param knownZones zones that have a grid signal; an empty set accepts any zone of a safe name
     * @param defaultZone the zone of a spec that names none (the local node's)
     * @param roots the folders a spec may read files from
     * @param jobExists whether a job id is in the job table ({@code model.base: job:ID})
     */
    public SpecParser(Clock clock, Set<String> knownZones, String defaultZone, AllowedRoots roots,
            Predicate<String> jobExists) {
        this.clock = clock;
        this.knownZones = Set.copyOf(knownZones);
        this.defaultZone = defaultZone;
        this.roots = roots;
        this.jobExists = jobExists;
    }

    /**
     * @param source how to name the spec in errors (its file name), or null
     * @param specDir the folder relative paths in the spec are resolved against (must lie under the roots); null
     *     for the working directory
     * @param deadlineOverride a deadline given on the command line, replacing {@code schedule.deadline}; or null
     */
    public JobDocument parse(String yaml, String source, Path specDir, String deadlineOverride) {
        List<String> problems = new ArrayList<>();
        SpecFields fields = new SpecFields(problems);
        String shownSource = source;
        if (source != null && (source.length() > SpecBounds.MAX_SOURCE
                || source.codePoints().anyMatch(Character::isISOControl))) {
            fields.problem("source", "must be a file name of at most " + SpecBounds.MAX_SOURCE
                    + " characters without control characters");
            shownSource = null;
        }
        JsonNode root = readTree(yaml, shownSource);
        unknownFields(root, "", TOP_LEVEL, fields);

        String name = fields.name(root.get("name"), "name", null);
        if (SpecFields.absent(root.get("name"))) {
            fields.problem("name", "is required (" + Names.RULE + ")");
        }
        String kindWord = fields.text(root.get("kind"), "kind", "train");
        JobKind kind = JobKind.fromWord(kindWord);
        if (kind == null) {
            fields.problem("kind", "must be 'train' or 'fine-tune', got '" + SpecFields.shorten(kindWord) + "'");
        }
        String team = fields.name(root.get("team"), "team", DEFAULT_TEAM);
        String description = fields.plainText(root.get("description"), "description", SpecBounds.MAX_DESCRIPTION);

        Schedule schedule = parseSchedule(root.get("schedule"), deadlineOverride, fields);
        InferencePlan inference = parseInference(root.get("inference"), schedule, fields);

        Path dir = Path.of("").toAbsolutePath();
        if (specDir != null) {
            dir = roots.folder(specDir, "specDir", fields).orElse(null);
        }
        ModelSpec model = null;
        DataSpec data = null;
        TrainingSettings training = null;
        if (dir != null) {
            TrainingSections sections = new TrainingSections(fields, roots, dir);
            model = sections.model(root.get("model"), kind == null ? JobKind.TRAIN : kind);
            data = sections.data(root.get("data"));
            training = sections.training(root.get("training"));
            sections.checkOutputMatchesData(model, data);
        }
        if (model instanceof ModelSpec.FineTune fineTune && fineTune.base() instanceof BaseModel.OfJob ofJob
                && !jobExists.test(ofJob.jobId())) {
            fields.problem("model.base", "no job " + ofJob.jobId() + " (job:<id> names a job of this service)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(shownSource, problems);
        }
        return new JobDocument(name, kind, team, description, schedule, inference, model, data, training);
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
        String deadlineField = deadlineOverride != null ? "deadline" : "schedule.deadline";
        Instant deadline = null;
        if (deadlineText == null) {
            fields.problem("schedule.deadline", "is required (PT8H from submission, or an instant)");
        } else {
            deadline = fields.deadline(deadlineText, deadlineField, now, SpecBounds.DEADLINE_HORIZON);
        }
        String durationText = fields.text(node.get("estimatedDuration"), "schedule.estimatedDuration", null);
        Duration duration = null;
        if (durationText == null) {
            fields.problem("schedule.estimatedDuration", "is required (an ISO-8601 duration such as PT20M)");
        } else {
            duration = fields.duration(durationText, "schedule.estimatedDuration", SpecBounds.MIN_ESTIMATED_DURATION,
                    SpecBounds.MAX_ESTIMATED_DURATION);
        }
        List<String> zones = zones(node, fields);
        int gpus = fields.wholeNumber(node.get("gpus"), "schedule.gpus", 0, 0, SpecBounds.MAX_GPUS);
        boolean interruptible = fields.bool(node.get("interruptible"), "schedule.interruptible", false);
        int priority = fields.wholeNumber(node.get("priority"), "schedule.priority", 0, 0, SpecBounds.MAX_PRIORITY);
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
        if (items.size() > SpecBounds.MAX_ZONES) {
            fields.problem(field, "must list at most " + SpecBounds.MAX_ZONES + " zones, got " + items.size());
            return List.of();
        }
        for (int i = 0; i < items.size(); i++) {
            String itemField = node.isArray() ? field + "[" + i + "]" : field;
            String zone = fields.name(items.get(i), itemField, null);
            if (zone == null) {
                if (SpecFields.absent(items.get(i))) {
                    fields.problem(itemField, "must name a zone");
                }
            } else if (!knownZones.isEmpty() && !knownZones.contains(zone)) {
                fields.problem(itemField, "unknown zone '" + zone + "' (zones with a grid signal: "
                        + String.join(", ", knownZones.stream().sorted().toList()) + ")");
            } else if (zones.contains(zone)) {
                fields.problem(itemField, "zone '" + zone + "' is listed twice");
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
        int before = fields.problemCount();
        Double requests = fields.number(node.get("requestsPerDay"), "inference.requestsPerDay", 0, false,
                SpecBounds.MAX_REQUESTS_PER_DAY);
        if (SpecFields.absent(node.get("requestsPerDay"))) {
            fields.problem("inference.requestsPerDay", "is required when an inference section is given");
        }
        int lifetime = fields.wholeNumber(node.get("lifetimeDays"), "inference.lifetimeDays", -1, 0,
                SpecBounds.MAX_LIFETIME_DAYS);
        if (SpecFields.absent(node.get("lifetimeDays"))) {
            fields.problem("inference.lifetimeDays", "is required when an inference section is given");
        }
        Integer tokens = node.has("tokensPerResponse") ? fields.wholeNumber(node.get("tokensPerResponse"),
                "inference.tokensPerResponse", -1, 1, SpecBounds.MAX_TOKENS_PER_RESPONSE) : null;
        String zone = fields.name(node.get("zone"), "inference.zone",
                schedule == null ? defaultZone : schedule.zones().get(0));
        if (zone != null && !knownZones.isEmpty() && !knownZones.contains(zone)) {
            fields.problem("inference.zone", "unknown zone '" + zone + "'");
        }
        Double pue = fields.number(node.get("pue"), "inference.pue", 1.0, false, SpecBounds.MAX_PUE);
        boolean alongside = fields.bool(node.get("servedAlongside"), "inference.servedAlongside", false);
        if (fields.problemCount() > before) {
            return null;
        }
        return new InferencePlan(requests, lifetime, tokens, zone, pue, alongside);
    }

    static void unknownFields(JsonNode node, String prefix, Set<String> known, SpecFields fields) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                fields.problem(prefix + SpecFields.shorten(field), "unknown field (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
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
            throw new InvalidSpecException(source, List.of(Names.printable("not valid YAML" + where + ": "
                    + SpecFields.shorten(e.getOriginalMessage()), true)));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidSpecException(source, List.of("a spec must be a YAML mapping (name, schedule, model, ...)"));
        }
        return (ObjectNode) root;
    }
}
