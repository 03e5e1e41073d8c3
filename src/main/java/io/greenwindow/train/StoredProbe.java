package io.greenwindow.train;

import io.greenwindow.energy.InferenceProbeResult;
import java.nio.file.Path;

/** The inference probe a finished training left in its work dir, read again after a restart. */
public final class StoredProbe {

    private StoredProbe() {
    }

    /** The probe of the last training result in {@code workDir}, or null when there is none. */
    public static InferenceProbeResult read(Path workDir) {
        ChildResult result = ChildResult.read(workDir);
        return result == null ? null : result.probe();
    }
}
