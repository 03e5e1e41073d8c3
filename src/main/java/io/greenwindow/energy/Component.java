package io.greenwindow.energy;

/** The hardware a share of a job's energy is attributed to. */
public enum Component {
    GPU,
    CPU,
    RAM
}
