package io.greenwindow.grid;

/** Whether a signal gives the grid's average intensity or the marginal intensity of one more kWh. */
public enum SignalKind {
    AVERAGE,
    MARGINAL
}
