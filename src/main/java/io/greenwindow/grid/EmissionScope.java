package io.greenwindow.grid;

/** Which emissions an intensity counts: the whole life cycle of the plants, or only what burns at generation. */
public enum EmissionScope {
    LIFECYCLE,
    DIRECT
}
