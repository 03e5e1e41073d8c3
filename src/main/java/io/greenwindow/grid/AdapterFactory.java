package io.greenwindow.grid;

import io.greenwindow.grid.replay.ReplayAdapter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Builds the Java adapter for a definition's kind, with credentials from the environment. A definition that
 * cannot run (switched off, credentials missing) gives the reason instead, shown by {@code greenwindow adapters}.
 */
final class AdapterFactory {

    /** An adapter, or the sentence saying why there is none. */
    record Built(GridAdapter adapter, String disabledReason) {
    }

    private final Path folder;
    private final Clock clock;
    private final Map<String, String> env;

    AdapterFactory(Path folder, Clock clock, Map<String, String> env) {
        this.folder = folder;
        this.clock = clock;
        this.env = env;
    }

    Built build(AdapterDefinition d) {
        if (!d.enabled()) {
            return new Built(null, "switched off in " + d.origin() + " (enabled: false)");
        }
        return switch (d.kind()) {
            case ReplayAdapter.KIND -> new Built(new ReplayAdapter(d, folder, clock), null);
            default -> throw new IllegalArgumentException(d.origin() + ": kind '" + d.kind()
                    + "' is not one of replay, electricitymaps, watttime, gb, carbon-aware-sdk");
        };
    }
}
