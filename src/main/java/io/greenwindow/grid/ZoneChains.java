package io.greenwindow.grid;

import io.greenwindow.db.DatabaseException;
import io.greenwindow.grid.store.SignalStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What both ways of walking a zone's adapter chain (fetching, or reading the store) decide the same way. */
final class ZoneChains {

    private static final Logger LOG = LoggerFactory.getLogger(ZoneChains.class);

    private ZoneChains() {
    }

    /** The adapters of {@code chain} that serve {@code zone}, in priority order. */
    static List<TrackedAdapter> serving(List<TrackedAdapter> chain, String zone) {
        return chain.stream().filter(a -> a.serves(zone)).toList();
    }

    /** Why no adapter can be asked for this window at all, if that is so. */
    static Optional<ForecastResult.Unavailable> unanswerable(List<TrackedAdapter> serving, String zone, Instant from,
            Instant to) {
        if (!to.isAfter(from)) {
            return Optional.of(new ForecastResult.Unavailable(zone, "the asked window " + from + " to " + to + " is empty"));
        }
        if (serving.isEmpty()) {
            return Optional.of(new ForecastResult.Unavailable(zone, "no enabled grid adapter serves zone " + zone));
        }
        return Optional.empty();
    }

    /** The history an adapter's refresh stored; a database that cannot be read counts as nothing stored. */
    static Optional<Signal> storedHistory(SignalStore store, TrackedAdapter a, String zone, Instant from, Instant to) {
        try {
            return store.history(zone, a.name(), from, to);
        } catch (DatabaseException e) {
            LOG.warn("Cannot read stored history of {}: {}", a.name(), e.getMessage());
            return Optional.empty();
        }
    }

    /** The zone's first average-signal provider in {@code chain}: the one whose history the ledger waits for. */
    static Optional<String> configuredHistorySource(List<TrackedAdapter> chain, String zone) {
        return chain.stream().filter(a -> a.serves(zone) && a.adapter().signalKind() == SignalKind.AVERAGE)
                .map(TrackedAdapter::name).findFirst();
    }
}
