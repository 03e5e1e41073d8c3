package io.greenwindow.service;

import io.greenwindow.reason.Reason;
import java.time.Instant;
import java.util.Objects;

/**
 * What is done with a running job at one instant: nothing (on time), extended (past its estimate, but its deadline
 * allows more), paused (interruptible, deadline does not allow) or stopped; with why, whose sentence a user reads.
 */
record Overrun(Action action, Instant until, Reason why) {

    enum Action { ON_TIME, EXTEND, PAUSE, STOP }

    Overrun {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(until, "until");
    }

    String reason() {
        return why.toString();
    }
}
