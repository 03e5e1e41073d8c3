package io.greenwindow.grid;

import java.time.Instant;
import java.util.List;

/** An adapter a zone's chain did without in one call, with why; recorded for {@code greenwindow adapters}. */
record SkippedAdapter(TrackedAdapter adapter, String error) {

    /** Records on each skipped adapter what the chain did instead. */
    static void fellBack(List<SkippedAdapter> skipped, String zone, String instead, Instant at) {
        for (SkippedAdapter s : skipped) {
            s.adapter().fellBack(at, zone + ": " + instead + " (" + s.error() + ")");
        }
    }
}
