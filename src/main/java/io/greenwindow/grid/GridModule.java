package io.greenwindow.grid;

import io.greenwindow.db.Database;
import io.greenwindow.grid.http.HttpSettings;
import io.greenwindow.grid.store.AdapterHealth;
import io.greenwindow.grid.store.AdapterHealthStore;
import io.greenwindow.grid.store.JdbcAdapterHealthStore;
import io.greenwindow.grid.store.JdbcRequestCounts;
import io.greenwindow.grid.store.JdbcSignalStore;
import io.greenwindow.grid.store.SignalStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grid side of greenwindow, assembled: every adapter defined in {@code grid-adapters/}, a fallback chain per
 * zone (by priority), and the signal store. What the rest of the service needs is {@link #signals()}.
 *
 * <p>Two ways to run. On a database (the service), {@link #signals()} reads only the store, and a background
 * refresh ({@link #startRefreshing}) fetches from the providers on each adapter's schedule, behind a circuit
 * breaker per adapter: no user's request waits on a provider. Without one (the CLI's one-off calls), signals are
 * fetched when asked.
 */
public final class GridModule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GridModule.class);
    /** How often (real time) the background threads look at the clock for refreshes that are due. */
    public static final Duration DEFAULT_REFRESH_TICK = Duration.ofSeconds(30);

    private final List<TrackedAdapter> adapters;
    private final CarbonSignals signals;
    private final SignalStore store;
    private final AdapterHealthStore health;
    private final Clock clock;
    private final SignalRefresher refresher;
    private ScheduledExecutorService refreshThreads;

    private GridModule(List<TrackedAdapter> adapters, SignalStore store, AdapterHealthStore health, Clock clock,
                       boolean background) {
        this.adapters = List.copyOf(adapters);
        this.store = store;
        this.health = health;
        this.clock = clock;
        this.refresher = background ? new SignalRefresher(adapters, store, clock) : null;
        this.signals = background ? new StoredSignals(adapters, store, clock) : new FallbackSignals(adapters, store, clock);
    }

    /**
     * Loads every adapter definition from {@code adaptersDirOrNull} (the classpath's {@code grid-adapters/} when
     * null) and stores fetched signals in {@code db}. {@code env} gives credentials: ELECTRICITYMAPS_TOKEN,
     * WATTTIME_USERNAME and WATTTIME_PASSWORD, CARBON_AWARE_SDK_URL; an adapter without them is listed as disabled.
     * Adapter health is kept in {@code db} too, so {@link #adapters()} starts from what was last known. Signals are
     * read from {@code db} only; call {@link #startRefreshing} to fetch them in the background.
     */
    public static GridModule create(Database db, Clock clock, Path adaptersDirOrNull, Map<String, String> env) {
        return create(db, clock, AdapterDefinitions.load(adaptersDirOrNull), adaptersDirOrNull, env,
                HttpSettings.defaults());
    }

    /** The same over definitions already loaded and another HTTP client (tests: a MockWebServer provider). */
    public static GridModule create(Database db, Clock clock, List<AdapterDefinition> definitions, Path folder,
                                    Map<String, String> env, HttpSettings http) {
        return create(new JdbcSignalStore(db), new JdbcAdapterHealthStore(db), clock, definitions, folder, env,
                http.withRequestCounts(new JdbcRequestCounts(db)), true);
    }

    /** Fetching when asked, over any store (the CLI uses {@link SignalStore#none()}). */
    public static GridModule create(SignalStore store, Clock clock, Path adaptersDirOrNull, Map<String, String> env) {
        List<AdapterDefinition> definitions = AdapterDefinitions.load(adaptersDirOrNull);
        return create(store, clock, definitions, adaptersDirOrNull, env);
    }

    /** The same over definitions already loaded (the CLI narrows them to one adapter). */
    public static GridModule create(SignalStore store, Clock clock, List<AdapterDefinition> definitions, Path folder,
                                    Map<String, String> env) {
        return create(store, clock, definitions, folder, env, HttpSettings.defaults());
    }

    /** The same with another HTTP client and retry policy (tests: short timeouts, no real sleeping). */
    public static GridModule create(SignalStore store, Clock clock, List<AdapterDefinition> definitions, Path folder,
                                    Map<String, String> env, HttpSettings http) {
        return create(store, AdapterHealthStore.none(), clock, definitions, folder, env, http, false);
    }

    private static GridModule create(SignalStore store, AdapterHealthStore health, Clock clock,
                                     List<AdapterDefinition> definitions, Path folder, Map<String, String> env,
                                     HttpSettings http, boolean background) {
        AdapterFactory factory = new AdapterFactory(folder, clock, env, http);
        Map<String, AdapterHealth> known = storedHealth(health);
        List<TrackedAdapter> tracked = new ArrayList<>();
        for (AdapterDefinition d : definitions) {
            AdapterFactory.Built built = factory.build(d);
            tracked.add(built.adapter() == null
                    ? TrackedAdapter.disabled(d, built.disabledReason())
                    : TrackedAdapter.enabled(d, built.adapter(), health, known.get(d.name()), built.redactor()));
        }
        return new GridModule(tracked, store, health, clock, background);
    }

    /** What the database knows of every adapter; nothing when it cannot be read (health is not worth failing on). */
    private static Map<String, AdapterHealth> storedHealth(AdapterHealthStore health) {
        try {
            return health.all();
        } catch (RuntimeException e) {
            LOG.warn("Cannot read stored adapter health: {}", e.getMessage());
            return Map.of();
        }
    }

    /**
     * Starts the background refresh: one thread per enabled adapter (a hanging provider holds only its own),
     * each looking every {@code tick} whether its adapter's forecasts or history are due by the module's clock.
     * The first look is at once. Stopped by {@link #close}. Only for a module on a database.
     */
    public synchronized void startRefreshing(Duration tick) {
        if (refresher == null) {
            throw new IllegalStateException("Only a grid module on a database refreshes in the background");
        }
        if (refreshThreads != null || refresher.adapters().isEmpty()) {
            return;
        }
        AtomicInteger n = new AtomicInteger();
        refreshThreads = Executors.newScheduledThreadPool(refresher.adapters().size(), r -> {
            Thread t = new Thread(r, "grid-refresh-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (TrackedAdapter a : refresher.adapters()) {
            refreshThreads.scheduleWithFixedDelay(() -> refresher.refreshDue(a), 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** {@link #startRefreshing(Duration)} every {@link #DEFAULT_REFRESH_TICK}. */
    public void startRefreshing() {
        startRefreshing(DEFAULT_REFRESH_TICK);
    }

    /**
     * Refreshes, in the calling thread, whatever is due now: what the background threads do (tests, with a
     * settable clock; and the CLI has no use for it). An adapter whose refresh is already running is skipped.
     */
    public void refreshDue() {
        if (refresher == null) {
            throw new IllegalStateException("Only a grid module on a database refreshes");
        }
        refresher.refreshDue();
    }

    /** Whether a refresh of adapter {@code name} is running now. */
    public boolean refreshing(String name) {
        return refresher != null && refresher.inFlight(name);
    }

    /** Forecasts with fallbacks and a staleness limit; history for the ledger. */
    public CarbonSignals signals() {
        return signals;
    }

    /** The clock the module reads "now" from (the HTTP layer asks forecasts from now). */
    public Clock clock() {
        return clock;
    }

    /**
     * Every defined adapter, enabled or not, in chain order, with the last known health from the database (every
     * node's calls, and calls before a restart) or this node's own when that is newer or the database is down.
     */
    public List<AdapterStatus> adapters() {
        Map<String, AdapterHealth> stored = storedHealth(health);
        Instant now = clock.instant();
        return adapters.stream().map(a -> a.status(stored.get(a.name()), now)).toList();
    }

    /** Zones served by at least one enabled adapter. */
    public Set<String> zones() {
        Set<String> zones = new TreeSet<>();
        adapters.stream().filter(TrackedAdapter::isEnabled).forEach(a -> zones.addAll(a.definition().zones().keySet()));
        return zones;
    }

    /**
     * The stored forecast for {@code zone} that was the newest at {@code asOf}, from the first adapter in the
     * chain that had one: what a planner could have known then (for scoring plans after the fact).
     */
    public Optional<Signal> forecastKnownAt(String zone, Instant asOf) {
        return adapters.stream().filter(a -> a.serves(zone))
                .map(a -> store.forecastKnownAt(zone, a.name(), asOf))
                .flatMap(Optional::stream).findFirst();
    }

    /**
     * Deletes stored forecasts generated more than {@code keep} ago (every fetch is kept, so the table grows by
     * about a forecast per zone and adapter every refresh); history stays for the ledger. Returns how many.
     */
    public int pruneForecasts(Duration keep) {
        return store.deleteForecastsGeneratedBefore(clock.instant().minus(keep));
    }

    /** The enabled adapter called {@code name}, for one-off calls that bypass the chain (the CLI's --adapter). */
    public Optional<GridAdapter> adapter(String name) {
        return adapters.stream().filter(a -> a.name().equals(name) && a.isEnabled()).map(TrackedAdapter::adapter).findFirst();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (refreshThreads != null) {
                refreshThreads.shutdownNow();
            }
        }
        adapters.stream().filter(TrackedAdapter::isEnabled).forEach(a -> a.adapter().close());
    }
}
