package io.greenwindow.grid.store;

import java.time.Instant;
import java.util.Optional;

/** Where each provider's request count for its budget period is kept across restarts and nodes. */
public interface RequestCounts {

    /** The count of one adapter's current period. */
    record Count(Instant periodStart, long used) {
    }

    Optional<Count> load(String adapter);

    void save(String adapter, Count count);

    /** Counts kept only in memory (the CLI, tests). */
    static RequestCounts none() {
        return new RequestCounts() {
            @Override
            public Optional<Count> load(String adapter) {
                return Optional.empty();
            }

            @Override
            public void save(String adapter, Count count) {
            }
        };
    }
}
