package io.greenwindow.job;

import io.greenwindow.job.spec.JobKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A job as stored: what was asked (from its spec), where it is ({@code state} and the {@code reason} of the last
 * decision, which every interface shows), which node runs it ({@code node}, null until released), and what came
 * of it.
 */
public record Job(
        String id,
        String name,
        JobKind kind,
        String team,
        JobState state,
        String reason,
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
        Objects.requireNonNull(reason, "reason");
        zones = List.copyOf(zones);
    }

    public Job withState(JobState newState, String newReason, Instant at) {
        return new Job(id, name, kind, team, newState, newReason, submittedAt, deadline, estimatedDuration, zones, gpus,
                interruptible, priority, urgent, specSource, specYaml, plannedStart, zone, node, startedAt, finishedAt,
                segmentsRun, modelPath, summary, backend, at);
    }

    /** This job once {@code plan} is stored for it (the repository keeps the first zone a job was given). */
    public Job withPlan(StoredPlan plan) {
        return new Job(id, name, kind, team, state, reason, submittedAt, deadline, estimatedDuration, zones, gpus,
                interruptible, priority, urgent, specSource, specYaml, plan.start(), zone == null ? plan.zone() : zone,
                node, startedAt, finishedAt, segmentsRun, modelPath, summary, backend, updatedAt);
    }
}
