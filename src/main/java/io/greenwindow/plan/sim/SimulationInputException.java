package io.greenwindow.plan.sim;

/** A trace or job file the simulator cannot use; the message names the file, line and column and what is wrong. */
public class SimulationInputException extends RuntimeException {
    public SimulationInputException(String message) {
        super(message);
    }
}
