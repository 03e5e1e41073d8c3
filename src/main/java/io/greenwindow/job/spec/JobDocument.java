package io.greenwindow.job.spec;

import java.util.Objects;

/**
 * A job as its spec asked for it, validated once at submission: typed, every file it reads resolved to a real
 * path under the allowed roots, the deadline resolved to an instant. Stored with the job (see {@link
 * JobDocuments}) and handed as it is to the trainer; nothing reads the spec's YAML again. {@code inference} and
 * {@code description} may be null.
 */
public record JobDocument(
        String name,
        JobKind kind,
        String team,
        String description,
        Schedule schedule,
        InferencePlan inference,
        ModelSpec model,
        DataSpec data,
        TrainingSettings training) {

    public JobDocument {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(training, "training");
        if (kind == JobKind.FINE_TUNE != model instanceof ModelSpec.FineTune) {
            throw new IllegalArgumentException("Kind " + kind + " does not match model " + model);
        }
    }

    /** This document with its fine-tune base replaced (by the model file the job table names). */
    public JobDocument withBase(BaseModel base) {
        if (!(model instanceof ModelSpec.FineTune fineTune)) {
            throw new IllegalStateException("Job " + name + " is no fine-tune: it has no base model");
        }
        return new JobDocument(name, kind, team, description, schedule, inference, fineTune.withBase(base), data,
                training);
    }
}
