package io.greenwindow.grid;

import io.greenwindow.db.DatabaseException;
import io.greenwindow.grid.store.SignalStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CarbonSignals} for the service: reads only what the {@link SignalRefresher} stored, so that no user's
 * request ever waits on a provider. A zone's chain goes by priority; an adapter's newest stored forecast is used
 * while it is within {@code staleAfter}; local adapters (traces), which reach no network, are asked directly.
 * Each skip is recorded with its reason, and the last refresh failure of an adapter whose stored forecast is
 * still used is said alongside it.
 */
final class StoredSignals implements CarbonSignals {

    private static final Logger LOG = LoggerFactory.getLogger(StoredSignals.class);

    /** How often a local adapter's successes on the request path are written to the health table at most. */
    static final Duration HEALTH_WRITE_EVERY = Duration.ofMinutes(1);

    private final List<TrackedAdapter> chain;
    private final SignalStore store;
    private final Clock clock;

    StoredSignals(List<TrackedAdapter> chain, SignalStore store, Clock clock) {
        this.chain = List.copyOf(chain);
        this.store = store;
        this.clock = clock;
    }

    @Override
    public ForecastResult forecast(String zone, Instant from, Instant to) {
        List<TrackedAdapter> serving = ZoneChains.serving(chain, zone);
        Optional<ForecastResult.Unavailable> unanswerable = ZoneChains.unanswerable(serving, zone, from, to);
        if (unanswerable.isPresent()) {
            return unanswerable.get();
        }
        List<String> fallbacks = new ArrayList<>();
        List<SkippedAdapter> skipped = new ArrayList<>();
        Instant now = clock.instant();
        for (TrackedAdapter a : serving) {
            try {
                Signal s = a.adapter().remote() ? stored(a, zone, from, to, now) : local(a, zone, from, to, now);
                String lastFailure = a.adapter().remote() ? a.lastErrorIfDown() : null;
                if (lastFailure != null) {
                    fallbacks.add(a.name() + ": " + lastFailure + "; using its forecast generated at "
                            + s.generatedAt() + " from the database");
                }
                SkippedAdapter.fellBack(skipped, zone, "fell back to " + a.name(), now);
                return new ForecastResult.Forecast(s, fallbacks);
            } catch (GridFetchException e) {
                String reason = a.redact(e.reason());
                fallbacks.add(reason);
                skipped.add(new SkippedAdapter(a, a.redact(e.getMessage())));
            }
        }
        SkippedAdapter.fellBack(skipped, zone, "no adapter had a usable forecast, so the planner applied its policy", now);
        return new ForecastResult.Unavailable(zone, "no usable forecast: " + String.join("; ", fallbacks));
    }

    /** The newest stored forecast of a remote adapter, clipped to the window, or why there is none to use. */
    private Signal stored(TrackedAdapter a, String zone, Instant from, Instant to, Instant now) {
        Optional<Signal> newest;
        try {
            newest = store.latestForecast(zone, a.name());
        } catch (DatabaseException e) {
            LOG.warn("Cannot read stored forecasts of {}: {}", a.name(), e.getMessage());
            throw new GridFetchException(a.name(), "stored forecasts cannot be read");
        }
        if (newest.isEmpty()) {
            String last = a.lastErrorIfDown();
            throw new GridFetchException(a.name(), "no forecast fetched yet for " + zone
                    + (last == null ? "" : "; last refresh: " + last));
        }
        Signal s = newest.get();
        String stale = Staleness.of(a, s, now);
        if (stale != null) {
            String last = a.lastErrorIfDown();
            throw new GridFetchException(a.name(), last == null ? stale : last);
        }
        Signal clipped = Staleness.clip(s, from, to);
        if (clipped.isEmpty()) {
            throw new GridFetchException(a.name(), "its newest forecast for " + zone + " ends at " + s.end()
                    + ", before the asked window");
        }
        return clipped;
    }

    /** A local adapter (a trace) costs no request, so it is asked directly. */
    private static Signal local(TrackedAdapter a, String zone, Instant from, Instant to, Instant now) {
        try {
            Signal s = a.adapter().forecast(zone, from, to);
            String stale = Staleness.of(a, s, now);
            if (stale != null) {
                throw new GridFetchException(a.name(), stale);
            }
            a.succeededOnRequest(now, HEALTH_WRITE_EVERY);
            return s;
        } catch (GridFetchException e) {
            a.failed(now, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("Forecast adapter {} failed unexpectedly: {}", a.name(), a.redact(String.valueOf(e.getMessage())));
            GridFetchException f = new GridFetchException(a.name(), "unexpected failure ("
                    + e.getClass().getSimpleName() + ": " + a.redact(e.getMessage()) + ")", e);
            a.failed(now, f.getMessage());
            throw f;
        }
    }


    /**
     * History for accounting: average intensity only (marginal signals answer another question, see DESIGN.md).
     * A remote adapter's history is what the refresh stored; a local adapter's is read directly. A healthy remote
     * adapter's part of a window is kept while its refresh will bring the rest (the ledger completes the entry
     * later); the chain moves on when it has nothing stored, its last call failed, or the gap is older than the
     * refresh looks back.
     */
    @Override
    public Optional<Signal> history(String zone, Instant from, Instant to) {
        Optional<Signal> partial = Optional.empty();
        Instant now = clock.instant();
        Instant needed = to.isBefore(now) ? to : now;
        for (TrackedAdapter a : chain) {
            if (!a.serves(zone) || a.adapter().signalKind() != SignalKind.AVERAGE) {
                continue;
            }
            Optional<Signal> found = a.adapter().remote() ? ZoneChains.storedHistory(store, a, zone, from, to) : localHistory(a, zone, from, to, now);
            boolean present = found.isPresent() && !found.get().isEmpty();
            if (present && !found.get().start().isAfter(from) && !found.get().end().isBefore(needed)) {
                return found;
            }
            if (present && a.adapter().remote() && a.lastErrorIfDown() == null && refreshWillFill(a, found.get(), from, now)) {
                return found;
            }
            if (partial.isEmpty() && present) {
                partial = found;
            }
        }
        return partial;
    }

    /** Whether the missing tail of {@code stored} lies within what the adapter's history refresh asks for. */
    private static boolean refreshWillFill(TrackedAdapter a, Signal stored, Instant from, Instant now) {
        return !stored.start().isAfter(from) && !stored.end().isBefore(now.minus(a.definition().historyLookback()));
    }

    private static Optional<Signal> localHistory(TrackedAdapter a, String zone, Instant from, Instant to, Instant now) {
        try {
            Optional<Signal> h = a.adapter().history(zone, from, to);
            a.succeededOnRequest(now, HEALTH_WRITE_EVERY);
            return h;
        } catch (RuntimeException e) {
            String reason = a.redact(e.getMessage());
            a.failed(now, String.valueOf(reason));
            LOG.warn("History for {} from {} failed: {}", zone, a.name(), reason);
            return Optional.empty();
        }
    }

    /** The zone's first average-signal provider: the one whose history the ledger waits for . */
    @Override
    public Optional<String> configuredHistorySource(String zone) {
        return ZoneChains.configuredHistorySource(chain, zone);
    }
}
