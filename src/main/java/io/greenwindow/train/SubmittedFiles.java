package io.greenwindow.train;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Checks, just before a file of the job document is read, that it is still the file the service confined at
 * submission: its real path was stored, so a symlink put in its place since then (to leave the allowed roots)
 * shows as a different real path and is refused.
 */
final class SubmittedFiles {

    private SubmittedFiles() {
    }

    static Path unchanged(Path stored, String field) {
        Path real;
        try {
            real = stored.toRealPath();
        } catch (IOException e) {
            throw new TrainingFailure(field + ": " + stored + " is no longer there");
        }
        if (!real.equals(stored)) {
            throw new TrainingFailure(field + ": " + stored + " was replaced by a link since submission; "
                    + "submit the spec again");
        }
        return real;
    }
}
