package io.greenwindow.ledger;

/** What an entry accounts for. */
public enum EntryKind {
    /** One run segment, written when it ends. */
    SEGMENT,
    /** A finished job, all its segments, with its inference projection and SCI. */
    JOB,
    /** The carbon of an earlier pending entry, written once its history arrived; the earlier entry stays as it was. */
    COMPLETION,
    /** New carbon figures of an earlier entry after its history was revised; the earlier entries stay as they were. */
    CORRECTION;

    /** True for the kinds that replace the figures of the entry named by {@code completesSeq}. */
    public boolean replacesAnother() {
        return this == COMPLETION || this == CORRECTION;
    }
}
