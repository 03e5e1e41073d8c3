package io.greenwindow.executor.slurm;

/** A Slurm client command failed or said something greenwindow cannot read; the message says what it said. */
public final class SlurmException extends RuntimeException {

    public SlurmException(String message) {
        super(message);
    }
}
