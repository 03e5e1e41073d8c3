package io.greenwindow.plan;

/** Whether a job waits for a later window or is released at once. */
public enum Decision {
    HOLD,
    RUN_NOW
}
