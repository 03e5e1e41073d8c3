package io.greenwindow.train;

/**
 * Where a run stands at a batch boundary: the next (epoch, batch) to train, the ND4J RNG state (without it
 * dropout masks drift after resume), and the running totals the summary reports.
 */
record CheckpointState(int epoch, int batch, long rngRoot, long rngNode, long examplesSeen, double lastLoss,
        double trainSeconds, int segments) {

    CheckpointState {
        if (epoch < 0 || batch < 0 || examplesSeen < 0 || segments < 0) {
            throw new IllegalArgumentException("Checkpoint position epoch " + epoch + " batch " + batch
                    + " examples " + examplesSeen + " segments " + segments + " must be >= 0");
        }
    }

    String toLine() {
        return epoch + "," + batch + "," + rngRoot + "," + rngNode + "," + examplesSeen + "," + lastLoss + ","
                + trainSeconds + "," + segments;
    }

    static CheckpointState fromLine(String line) {
        String[] f = line.split(",");
        if (f.length != 8) {
            throw new IllegalArgumentException("Checkpoint state '" + line + "' must have 8 fields");
        }
        return new CheckpointState(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Long.parseLong(f[2]),
                Long.parseLong(f[3]), Long.parseLong(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                Integer.parseInt(f[7]));
    }
}
