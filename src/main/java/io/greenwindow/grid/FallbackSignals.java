package io.greenwindow.grid;

import io.greenwindow.db.DatabaseException;
import io.greenwindow.grid.store.SignalStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CarbonSignals} over a per-zone chain of adapters (by priority). A forecast comes from the first adapter
 * that answers with a fresh one; a failed adapter's last stored forecast is used while it is fresh; each skip is
 * recorded with its reason. A forecast generated longer ago than its adapter's {@code staleAfter} is never used,
 * so the planner sees the zone as unknown and applies its policy instead of waiting on old data. This chain fetches
 * when asked: the CLI's one-off calls use it; the service reads the store instead ({@link StoredSignals}).
 */
final class FallbackSignals implements CarbonSignals {

    private static final Logger LOG = LoggerFactory.getLogger(FallbackSignals.class);

    private final List<TrackedAdapter> chain;
    private final SignalStore store;
    private final Clock clock;
    /** The last forecast fetched per adapter and zone, reused for {@code refreshAfter} to spare request budgets. */
    private final Map<String, Fetched> recent = new ConcurrentHashMap<>();

    private record Fetched(Signal signal, Instant fetchedAt, Instant askedTo) {
    }

    FallbackSignals(List<TrackedAdapter> chain, SignalStore store, Clock clock) {
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
        List<SkippedAdapter> failed = new ArrayList<>();
        for (TrackedAdapter a : serving) {
            Instant now = clock.instant();
            Optional<Signal> reused = reusable(a, zone, from, to, now);
            if (reused.isPresent()) {
                SkippedAdapter.fellBack(failed, zone, "fell back to " + a.name(), now);
                return new ForecastResult.Forecast(reused.get(), fallbacks);
            }
            try {
                Signal s = fetchForecast(a, zone, from, to);
                String stale = staleness(a, s, now);
                if (stale != null) {
                    throw new GridFetchException(a.name(), stale);
                }
                // Remote answers are all kept; a local trace's forecast once per generation (and when it grows),
                // so that plans on the embedded default can be scored against what was known too.
                Fetched prev = recent.get(a.name() + "/" + zone);
                if (a.adapter().remote() || prev == null || !s.generatedAt().equals(prev.signal().generatedAt())
                        || s.end().isAfter(prev.signal().end())) {
                    keep(() -> store.recordForecast(s, now));
                    recent.put(a.name() + "/" + zone, new Fetched(s, now, to));
                }
                a.succeeded(now);
                SkippedAdapter.fellBack(failed, zone, "fell back to " + a.name(), now);
                return new ForecastResult.Forecast(s, fallbacks);
            } catch (GridFetchException e) {
                String error = a.redact(e.getMessage());
                a.failed(now, error);
                LOG.warn("Forecast for {} from {} failed: {}", zone, a.name(), error);
                Optional<Signal> stored = storedForecast(a, zone, from, to, now);
                if (stored.isPresent()) {
                    String generated = "forecast generated at " + stored.get().generatedAt() + " from the database";
                    fallbacks.add(a.redact(e.reason()) + "; using its " + generated);
                    SkippedAdapter.fellBack(failed, zone, "fell back to the " + a.name() + " " + generated, now);
                    SkippedAdapter.fellBack(List.of(new SkippedAdapter(a, error)), zone, "used its " + generated, now);
                    return new ForecastResult.Forecast(stored.get(), fallbacks);
                }
                fallbacks.add(a.redact(e.reason()));
                failed.add(new SkippedAdapter(a, error));
            }
        }
        SkippedAdapter.fellBack(failed, zone, "no adapter had a usable forecast, so the planner applied its policy", clock.instant());
        return new ForecastResult.Unavailable(zone, "no usable forecast: " + String.join("; ", fallbacks));
    }


    /**
     * History for accounting: average intensity only (marginal signals answer another question, see DESIGN.md),
     * from the database when it covers the window, else fetched from the chain and stored.
     */
    @Override
    public Optional<Signal> history(String zone, Instant from, Instant to) {
        Optional<Signal> partial = Optional.empty();
        for (TrackedAdapter a : chain) {
            if (!a.serves(zone) || a.adapter().signalKind() != SignalKind.AVERAGE) {
                continue;
            }
            Instant now = clock.instant();
            Instant needed = to.isBefore(now) ? to : now;
            Optional<Signal> stored = a.adapter().remote() ? ZoneChains.storedHistory(store, a, zone, from, to) : Optional.empty();
            if (stored.isPresent() && !stored.get().start().isAfter(from) && !stored.get().end().isBefore(needed)) {
                return stored;
            }
            try {
                Optional<Signal> fetched = fetchHistory(a, zone, from, to);
                a.succeeded(now);
                if (fetched.isPresent()) {
                    if (a.adapter().remote()) {
                        keep(() -> store.recordHistory(fetched.get(), now));
                    }
                    return fetched;
                }
            } catch (GridFetchException e) {
                String error = a.redact(e.getMessage());
                a.failed(now, error);
                LOG.warn("History for {} from {} failed: {}", zone, a.name(), error);
            }
            if (partial.isEmpty()) {
                partial = stored;
            }
        }
        return partial;
    }

    @Override
    public Optional<String> configuredHistorySource(String zone) {
        return ZoneChains.configuredHistorySource(chain, zone);
    }

    /**
     * A remote adapter's forecast fetched less than {@code refreshAfter} ago for at least this window: asking
     * again would spend budget for (nearly) the same answer. Providers refresh hourly or so at best.
     */
    private Optional<Signal> reusable(TrackedAdapter a, String zone, Instant from, Instant to, Instant now) {
        Fetched f = recent.get(a.name() + "/" + zone);
        if (f == null || !a.adapter().remote()
                || !now.isBefore(f.fetchedAt().plus(a.definition().refreshAfter()))
                || (f.askedTo().isBefore(to) && f.signal().end().isBefore(to)) || f.signal().start().isAfter(from.isAfter(now) ? from : now)
                || staleness(a, f.signal(), now) != null) {
            return Optional.empty();
        }
        Signal clipped = clip(f.signal(), from, to);
        return clipped.isEmpty() ? Optional.empty() : Optional.of(clipped);
    }

    /** An adapter bug or a provider answer nobody foresaw is still only that adapter's failure, with its reason. */
    private static Signal fetchForecast(TrackedAdapter a, String zone, Instant from, Instant to) {
        try {
            return a.adapter().forecast(zone, from, to);
        } catch (GridFetchException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("Forecast adapter {} failed unexpectedly: {}", a.name(), a.redact(String.valueOf(e.getMessage())));
            throw new GridFetchException(a.name(), "unexpected failure (" + e.getClass().getSimpleName() + ": "
                    + a.redact(e.getMessage()) + ")", e);
        }
    }

    private static Optional<Signal> fetchHistory(TrackedAdapter a, String zone, Instant from, Instant to) {
        try {
            return a.adapter().history(zone, from, to);
        } catch (GridFetchException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("History adapter {} failed unexpectedly: {}", a.name(), a.redact(String.valueOf(e.getMessage())));
            throw new GridFetchException(a.name(), "unexpected failure (" + e.getClass().getSimpleName() + ": "
                    + a.redact(e.getMessage()) + ")", e);
        }
    }

    private Optional<Signal> storedForecast(TrackedAdapter a, String zone, Instant from, Instant to, Instant now) {
        if (!a.adapter().remote()) {
            return Optional.empty();
        }
        try {
            return store.latestForecast(zone, a.name())
                    .filter(s -> staleness(a, s, now) == null)
                    .map(s -> clip(s, from, to))
                    .filter(s -> !s.isEmpty());
        } catch (DatabaseException e) {
            LOG.warn("Cannot read stored forecasts of {}: {}", a.name(), e.getMessage());
            return Optional.empty();
        }
    }

    private static String staleness(TrackedAdapter a, Signal s, Instant now) {
        return Staleness.of(a, s, now);
    }

    private static Signal clip(Signal s, Instant from, Instant to) {
        return Staleness.clip(s, from, to);
    }

    /** Storing is worth trying but not worth losing a forecast over: the answer is still given. */
    private static void keep(Runnable write) {
        try {
            write.run();
        } catch (DatabaseException e) {
            LOG.warn("Could not store a fetched signal: {}", e.getMessage());
        }
    }
}
