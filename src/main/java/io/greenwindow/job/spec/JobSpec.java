package io.greenwindow.job.spec;

import java.util.Objects;

/**
 * A validated job spec. {@code document} is the whole spec as YAML text with every relative file path made
 * absolute, so the training child can read it from anywhere; the training sections inside it were validated by
 * the train package.
 */
public record JobSpec(String name, JobKind kind, String team, Schedule schedule, InferencePlan inference, String document) {
    public JobSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(document, "document");
    }
}
