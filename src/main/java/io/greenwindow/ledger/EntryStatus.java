package io.greenwindow.ledger;

/** Whether an entry's carbon figures are known. */
public enum EntryStatus {
    COMPLETE,
    /** History did not cover the run (or its counterfactual) yet; a later COMPLETION entry gives the figures. */
    PENDING
}
