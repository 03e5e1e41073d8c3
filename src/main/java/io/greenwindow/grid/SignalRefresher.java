package io.greenwindow.grid;

import io.greenwindow.db.DatabaseException;
import io.greenwindow.grid.http.BackOffRequested;
import io.greenwindow.grid.store.SignalStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches forecasts and history from every enabled adapter on its own schedule ({@code refreshAfter},
 * {@code historyRefreshAfter}) and stores them, so that requests read the store and never wait on a provider.
 * Before each call it asks the adapter's breaker ({@link TrackedAdapter#refusal}): a provider that asked to be
 * left alone (Retry-After) or whose circuit is open is not called, and so spends no request budget. A forecast
 * another node stored within {@code refreshAfter} is not fetched again. One refresh of an adapter at a time.
 */
final class SignalRefresher {

    private static final Logger LOG = LoggerFactory.getLogger(SignalRefresher.class);

    private final List<TrackedAdapter> adapters;
    private final SignalStore store;
    private final Clock clock;
    /** When this node last tried each (kind, adapter, zone), successful or not. */
    private final Map<String, Instant> lastAttempt = new ConcurrentHashMap<>();
    /** The generation and end of the last stored forecast of a local adapter, to store each generation once. */
    private final Map<String, Signal> lastLocal = new ConcurrentHashMap<>();
    private final Map<String, AtomicBoolean> busy = new ConcurrentHashMap<>();

    SignalRefresher(List<TrackedAdapter> adapters, SignalStore store, Clock clock) {
        this.adapters = adapters.stream().filter(TrackedAdapter::isEnabled).toList();
        this.store = store;
        this.clock = clock;
        this.adapters.forEach(a -> busy.put(a.name(), new AtomicBoolean()));
        // History is first asked one historyRefreshAfter after start: the ledger waits for it anyway, what was
        // stored before a restart stays, and a service that restarts in a loop does not spend its budget on it.
        Instant start = clock.instant();
        for (TrackedAdapter a : this.adapters) {
            a.definition().zones().keySet().forEach(zone -> lastAttempt.put("history/" + a.name() + "/" + zone, start));
        }
    }

    List<TrackedAdapter> adapters() {
        return adapters;
    }

    /** Refreshes every adapter that is due now, one after another (what the background threads do, at once). */
    void refreshDue() {
        adapters.forEach(this::refreshDue);
    }

    /** Whether a refresh of {@code adapter} is running now (a hanging provider holds it until its timeout). */
    boolean inFlight(String adapter) {
        AtomicBoolean b = busy.get(adapter);
        return b != null && b.get();
    }

    /** Refreshes what is due of one adapter; false when a refresh of it was already running. */
    boolean refreshDue(TrackedAdapter a) {
        AtomicBoolean running = busy.get(a.name());
        if (!running.compareAndSet(false, true)) {
            return false;
        }
        try {
            for (String zone : new TreeSet<>(a.definition().zones().keySet())) {
                if (forecastDue(a, zone)) {
                    refreshForecast(a, zone);
                }
            }
            if (a.adapter().remote() && a.adapter().signalKind() == SignalKind.AVERAGE) {
                for (String zone : new TreeSet<>(a.definition().zones().keySet())) {
                    if (due("history", a, zone, a.definition().historyRefreshAfter())) {
                        refreshHistory(a, zone);
                    }
                }
            }
            return true;
        } catch (RuntimeException e) {
            // The refresh thread must outlive anything an adapter or the database throws.
            LOG.warn("Refreshing adapter {} failed: {}", a.name(), a.redact(String.valueOf(e.getMessage())));
            return true;
        } finally {
            running.set(false);
        }
    }

    private boolean forecastDue(TrackedAdapter a, String zone) {
        Duration every = a.definition().refreshAfter();
        if (!due("forecast", a, zone, every)) {
            return false;
        }
        if (!a.adapter().remote()) {
            return true;
        }
        try {
            Optional<Instant> stored = store.lastForecastFetch(zone, a.name());
            // Another node (or this one before a restart) fetched it lately: the budget is better spared.
            return stored.isEmpty() || !clock.instant().isBefore(stored.get().plus(every));
        } catch (DatabaseException e) {
            LOG.warn("Cannot read when {} was last fetched: {}", a.name(), e.getMessage());
            return true;
        }
    }

    private boolean due(String what, TrackedAdapter a, String zone, Duration every) {
        Instant last = lastAttempt.get(what + "/" + a.name() + "/" + zone);
        return last == null || !clock.instant().isBefore(last.plus(every));
    }

    private void refreshForecast(TrackedAdapter a, String zone) {
        Instant now = clock.instant();
        // A refused attempt is not an attempt: the call goes out at the first look after the refusal ends.
        if (refused(a, "forecast", zone, now)) {
            return;
        }
        lastAttempt.put("forecast/" + a.name() + "/" + zone, now);
        try {
            Signal s = a.adapter().forecast(zone, now, now.plus(a.definition().forecastHorizon()));
            String stale = Staleness.of(a, s, now);
            if (stale != null) {
                throw new GridFetchException(a.name(), stale);
            }
            if (a.adapter().remote() || newGeneration(a, zone, s)) {
                store.recordForecast(s, now);
                lastLocal.put(a.name() + "/" + zone, s);
            }
            a.succeeded(now);
        } catch (RuntimeException e) {
            failed(a, "forecast", zone, now, e);
        }
    }

    private void refreshHistory(TrackedAdapter a, String zone) {
        Instant now = clock.instant();
        if (refused(a, "history", zone, now)) {
            return;
        }
        lastAttempt.put("history/" + a.name() + "/" + zone, now);
        try {
            Optional<Signal> h = a.adapter().history(zone, now.minus(a.definition().historyLookback()), now);
            if (h.isPresent() && !h.get().isEmpty()) {
                store.recordHistory(h.get(), now);
            }
            a.succeeded(now);
        } catch (RuntimeException e) {
            failed(a, "history", zone, now, e);
        }
    }

    private static boolean refused(TrackedAdapter a, String what, String zone, Instant now) {
        if (!a.adapter().remote()) {
            return false;
        }
        String refusal = a.refusal(now);
        if (refusal != null) {
            LOG.debug("Not asking {} for the {} of {}: {}", a.name(), what, zone, refusal);
            return true;
        }
        return false;
    }

    private static void failed(TrackedAdapter a, String what, String zone, Instant at, RuntimeException e) {
        if (e instanceof BackOffRequested b) {
            a.backOffUntil(b.notBefore());
        }
        String reason = e instanceof GridFetchException || e instanceof DatabaseException
                ? e.getMessage()
                : "unexpected failure (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        String clean = a.redact(String.valueOf(reason));
        if (!(e instanceof DatabaseException)) {
            a.failed(at, clean);
        }
        LOG.warn("Refreshing the {} of {} from {} failed: {}", what, zone, a.name(), clean);
    }

    /** A local adapter's forecast is stored once per generation (and when it grows), as plans are scored on it. */
    private boolean newGeneration(TrackedAdapter a, String zone, Signal s) {
        String key = a.name() + "/" + zone;
        Signal prev = lastLocal.get(key);
        if (prev == null) {
            try {
                prev = store.latestForecast(zone, a.name()).orElse(null);
            } catch (DatabaseException e) {
                prev = null;
            }
        }
        return prev == null || !s.generatedAt().equals(prev.generatedAt()) || s.end().isAfter(prev.end());
    }
}
