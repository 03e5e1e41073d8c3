package io.greenwindow.grid;

import io.greenwindow.db.Database;
import io.greenwindow.grid.http.HttpSettings;
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

/**
 * The grid side of greenwindow, assembled: every adapter defined in {@code grid-adapters/}, a fallback chain per
 * zone (by priority), and the signal store. What the rest of the service needs is {@link #signals()}.
 */
public final class GridModule implements AutoCloseable {

    private final List<TrackedAdapter> adapters;
    private final FallbackSignals signals;
    private final SignalStore store;
    private final Clock clock;

    private GridModule(List<TrackedAdapter> adapters, SignalStore store, Clock clock) {
        this.adapters = List.copyOf(adapters);
        this.store = store;
        this.clock = clock;
        this.signals = new FallbackSignals(adapters, store, clock);
    }

    /**
     * Loads every adapter definition from {@code adaptersDirOrNull} (the classpath's {@code grid-adapters/} when
     * null) and stores fetched signals in {@code db}. {@code env} gives credentials: ELECTRICITYMAPS_TOKEN,
     * WATTTIME_USERNAME and WATTTIME_PASSWORD, CARBON_AWARE_SDK_URL; an adapter without them is listed as disabled.
     */
    public static GridModule create(Database db, Clock clock, Path adaptersDirOrNull, Map<String, String> env) {
        return create(new JdbcSignalStore(db), clock, AdapterDefinitions.load(adaptersDirOrNull), adaptersDirOrNull,
                env, HttpSettings.defaults().withRequestCounts(new JdbcRequestCounts(db)));
    }

    /** The same over any store (the CLI uses {@link SignalStore#none()}). */
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
        AdapterFactory factory = new AdapterFactory(folder, clock, env, http);
        List<TrackedAdapter> tracked = new ArrayList<>();
        for (AdapterDefinition d : definitions) {
            AdapterFactory.Built built = factory.build(d);
            tracked.add(built.adapter() == null
                    ? TrackedAdapter.disabled(d, built.disabledReason())
                    : TrackedAdapter.enabled(d, built.adapter()));
        }
        return new GridModule(tracked, store, clock);
    }

    /** Forecasts with fallbacks and a staleness limit; history for the ledger. */
    public CarbonSignals signals() {
        return signals;
    }

    /** The clock the module reads "now" from (the HTTP layer asks forecasts from now). */
    public Clock clock() {
        return clock;
    }

    /** Every defined adapter, enabled or not, in chain order. */
    public List<AdapterStatus> adapters() {
        return adapters.stream().map(TrackedAdapter::status).toList();
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
        adapters.stream().filter(TrackedAdapter::isEnabled).forEach(a -> a.adapter().close());
    }
}
