package io.greenwindow.job;

import io.greenwindow.job.spec.JobKind;
import io.greenwindow.reason.Reason;
import io.greenwindow.reason.Wording;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A job as stored: what was asked (from its spec), where it is ({@code state} and {@code why}, the reason of the
 * last decision as data, whose sentence {@link #reason()} every interface shows), which node runs it ({@code node},
 * null until released), and what came of it.
 */
public record Job(
        String id,
        String name,
        JobKind kind,
        String team,
        JobState state,
        Reason why,
        Instant submittedAt,
        Instant deadline,
        Duration estimatedDuration,
        List<String> zones,
        int gpus,
        boolean interruptible,
        int priority,
        boolean urgent,
        String specSource,
        String specYaml,
        Instant plannedStart,
        String zone,
        String node,
        Instant startedAt,
        Instant finishedAt,
        int segmentsRun,
        String modelPath,
        String summary,
        String backend,
        Instant updatedAt) {

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(why, "reason");
        zones = List.copyOf(zones);
    }

    /** A job whose reason is a sentence without a code (tests, rows from before codes). */
    public Job(String id, String name, JobKind kind, String team, JobState state, String reason, Instant submittedAt,
            Instant deadline, Duration estimatedDuration, List<String> zones, int gpus, boolean interruptible,
            int priority, boolean urgent, String specSource, String specYaml, Instant plannedStart, String zone,
            String node, Instant startedAt, Instant finishedAt, int segmentsRun, String modelPath, String summary,
            String backend, Instant updatedAt) {
        this(id, name, kind, team, state, Reason.sentence(reason), submittedAt, deadline, estimatedDuration, zones,
                gpus, interruptible, priority, urgent, specSource, specYaml, plannedStart, zone, node, startedAt,
                finishedAt, segmentsRun, modelPath, summary, backend, updatedAt);
    }

    /** The sentence of the last decision, as the API, CLI and pages show it. */
    public String reason() {
        return Wording.render(why);
    }

    public Job withState(JobState newState, String newReason, Instant at) {
        return withState(newState, Reason.sentence(newReason), at);
    }

    public Job withState(JobState newState, Reason newReason, Instant at) {
        return new Job(id, name, kind, team, newState, newReason, submittedAt, deadline, estimatedDuration, zones, gpus,
                interruptible, priority, urgent, specSource, specYaml, plannedStart, zone, node, startedAt, finishedAt,
                segmentsRun, modelPath, summary, backend, at);
    }

    /** This job once {@code plan} is stored for it (the repository keeps the first zone a job was given). */
    public Job withPlan(StoredPlan plan) {
        return new Job(id, name, kind, team, state, why, submittedAt, deadline, estimatedDuration, zones, gpus,
                interruptible, priority, urgent, specSource, specYaml, plan.start(), zone == null ? plan.zone() : zone,
                node, startedAt, finishedAt, segmentsRun, modelPath, summary, backend, updatedAt);
    }
}
