package io.greenwindow.job;

/** Who submitted a job and who cancelled it (null: unknown, or not cancelled), as the edge recorded them. */
public record JobAuthors(String submittedBy, String cancelledBy) {

    public static final JobAuthors UNKNOWN = new JobAuthors(null, null);
}
