package io.greenwindow.ledger;

/** Whether an entry's carbon figures are known. */
public enum EntryStatus {
    COMPLETE,
    /** History did not cover the run (or its counterfactual) yet; a later COMPLETION entry gives the figures. */
    PENDING,
    /**
     * Part of the energy was never measured (a crash cut the segment after its last sample): the figures are a
     * lower bound, the reason says what is missing, and the entry is never complete.
     */
    PARTIAL_ENERGY
}
