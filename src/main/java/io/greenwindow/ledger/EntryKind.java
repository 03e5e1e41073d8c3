package io.greenwindow.ledger;

/** What an entry accounts for. */
public enum EntryKind {
    /** One run segment, written when it ends. */
    SEGMENT,
    /** A finished job, all its segments, with its inference projection and SCI. */
    JOB,
    /** The carbon of an earlier pending entry, written once its history arrived; the earlier entry stays as it was. */
    COMPLETION
}
