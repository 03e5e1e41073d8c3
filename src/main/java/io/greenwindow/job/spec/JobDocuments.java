package io.greenwindow.job.spec;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The stored form of a {@link JobDocument}: JSON, written once at submission and read back into the same records
 * by the service and by the training JVM. Unknown fields are refused: a document is only ever written by us.
 */
public final class JobDocuments {

    private static final ObjectMapper JSON = JsonMapping.strict();

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
