package io.greenwindow.train;

/** A training segment running in its own JVM. */
public interface TrainingProcess {

    long pid();

    /** Asks the child to checkpoint at the next batch boundary and exit with PAUSED. */
    void requestPause();

    /** Kills the child at once (kill -9): for cancel, and for tests of crash recovery. */
    void kill();

    /** Blocks until the child exits; then stops the meters and returns what happened, with the energy. */
    TrainingOutcome awaitExit();

    /**
     * The segment's durable energy log, to be marked reported once the ledger holds its energy (until then a
     * restart accounts it again from the log); null when the process keeps none.
     */
    default java.nio.file.Path energyLog() {
        return null;
    }
}
