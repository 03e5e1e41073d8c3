package io.greenwindow.policy;

/** What to do with a job when no forecast can be had for any of its zones. */
public enum Fallback {
    /** Release it at once: carbon-agnostic, but never risks the deadline. */
    RUN_AT_ONCE,
    /** Hold it until the latest start that still meets its deadline (bets that later is greener). */
    LATEST_START
}
