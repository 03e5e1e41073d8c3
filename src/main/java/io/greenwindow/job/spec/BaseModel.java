package io.greenwindow.job.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The model a fine-tune starts from. A {@link File} is a real path under the allowed roots; {@link OfJob} and
 * {@link LatestOf} name a job (or the newest completed job of a spec name) whose stored model path the service
 * looks up in the job table when the job is released, never by building a path from the text.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = BaseModel.File.class, name = "file"),
        @JsonSubTypes.Type(value = BaseModel.OfJob.class, name = "job"),
        @JsonSubTypes.Type(value = BaseModel.LatestOf.class, name = "latest")})
public sealed interface BaseModel {

    /** What a job id may be made of: letters, digits, '_' and '-' (never '.' or '/'). */
    Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    record File(Path path) implements BaseModel {
        public File {
            Objects.requireNonNull(path, "path");
        }
    }

    record OfJob(String jobId) implements BaseModel {
        public OfJob {
            if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
                throw new IllegalArgumentException("Job id '" + jobId + "' must be 1-64 letters, digits, '_' or '-'");
            }
        }
    }

    record LatestOf(String specName) implements BaseModel {
        public LatestOf {
            if (specName == null || !Names.SAFE.matcher(specName).matches()) {
                throw new IllegalArgumentException("Spec name '" + specName + "' is not a safe name");
            }
        }
    }
}
