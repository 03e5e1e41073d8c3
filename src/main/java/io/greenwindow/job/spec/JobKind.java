package io.greenwindow.job.spec;

/** What a job does: train a model from scratch, or fine-tune a saved one. */
public enum JobKind {
    TRAIN("train"),
    FINE_TUNE("fine-tune");

    private final String word;

    JobKind(String word) {
        this.word = word;
    }

    /** The word used in specs and shown to users. */
    public String word() {
        return word;
    }

    public static JobKind fromWord(String word) {
        for (JobKind kind : values()) {
            if (kind.word.equals(word)) {
                return kind;
            }
        }
        return null;
    }
}
