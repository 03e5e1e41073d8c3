package io.greenwindow.node;

/** What a trigger does when it fires: start or resume a job's segment, or pause it at a segment's end. */
public enum ReleaseAction {
    RELEASE,
    PAUSE
}
