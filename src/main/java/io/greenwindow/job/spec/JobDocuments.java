package io.greenwindow.job.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The stored form of a {@link JobDocument}: JSON, written once at submission and read back into the same records
 * by the service and by the training JVM. Unknown fields are refused: a document is only ever written by us.
 */
public final class JobDocuments {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JobDocuments() {
    }

    public static String toJson(JobDocument document) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the document of job " + document.name(), e);
        }
    }

    /** The document stored with a job; a {@link StoredDocumentException} when it is not one we wrote. */
    public static JobDocument fromJson(String json) {
        try {
            return JSON.readValue(json, JobDocument.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new StoredDocumentException(e);
        }
    }

    /** A stored job document that cannot be read back: written by an older greenwindow, or damaged. */
    public static final class StoredDocumentException extends RuntimeException {
        StoredDocumentException(Exception cause) {
            super("the stored job document cannot be read (written before greenwindow stored typed documents, or "
                    + "damaged): submit the spec again", cause);
        }
    }
}
