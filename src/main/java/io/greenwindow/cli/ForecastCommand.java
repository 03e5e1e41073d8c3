package io.greenwindow.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.greenwindow.grid.AdapterDefinition;
import io.greenwindow.grid.AdapterDefinitions;
import io.greenwindow.grid.AdapterStatus;
import io.greenwindow.grid.ForecastJson;
import io.greenwindow.grid.ForecastResult;
import io.greenwindow.grid.GridModule;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalPoint;
import io.greenwindow.grid.store.SignalStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code greenwindow forecast}: asks the providers directly (not the service) and prints the normalised forecast. */
@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = "Print the normalised carbon-intensity forecast for a zone, fetched directly from the grid adapters.")
public final class ForecastCommand implements Callable<Integer> {

    private static final DateTimeFormatter ROW = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Option(names = "--zone", required = true, paramLabel = "ZONE", description = "Zone, e.g. DE, GB, US-CAL-CISO.")
    String zone;

    @Option(names = "--adapter", paramLabel = "NAME",
            description = "Use only this adapter (a file name in grid-adapters/, e.g. electricitymaps); default: the zone's fallback chain.")
    String adapter;

    @Option(names = "--base-url", paramLabel = "URL", description = "Override the adapter's address (a proxy, a test server). Needs --adapter.")
    String baseUrl;

    @Option(names = "--adapters", paramLabel = "DIR", description = "Folder of adapter definitions (default: the shipped grid-adapters/).")
    Path adaptersDir;

    @Option(names = "--hours", paramLabel = "N", defaultValue = "24", description = "Hours ahead, 1 to 72 (default: ${DEFAULT-VALUE}).")
    int hours;

    @Option(names = "--json", description = "Print JSON: {\"zone\",\"adapter\",\"kind\",\"generatedAt\",\"points\":[{\"start\",\"minutes\",\"gPerKwh\"}]}.")
    boolean json;

    private final Map<String, String> env;
    private final Clock clock;

    public ForecastCommand() {
        this(System.getenv(), Clock.systemUTC());
    }

    ForecastCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        if (hours < 1 || hours > 72) {
            throw new CliException("--hours " + hours + " must be between 1 and 72");
        }
        if (baseUrl != null && adapter == null) {
            throw new CliException("--base-url needs --adapter NAME: which adapter should use " + baseUrl + "?");
        }
        List<AdapterDefinition> definitions = definitions();
        try (GridModule grid = GridModule.create(SignalStore.none(), clock, definitions, adaptersDir, env)) {
            if (adapter != null) {
                AdapterStatus status = grid.adapters().get(0);
                if (status.health() == AdapterStatus.Health.DISABLED) {
                    throw new CliException("Adapter " + adapter + " cannot run: " + status.lastError());
                }
            }
            if (!grid.zones().contains(zone)) {
                throw new CliException("Zone '" + zone + "' is not served by "
                        + (adapter == null ? "any enabled adapter" : "adapter " + adapter)
                        + " (zones: " + String.join(", ", grid.zones()) + ")");
            }
            Instant now = clock.instant();
            ForecastResult result = grid.signals().forecast(zone, now, now.plus(Duration.ofHours(hours)));
            if (result instanceof ForecastResult.Unavailable u) {
                throw new CliException("No forecast for " + zone + ": " + u.reason());
            }
            ForecastResult.Forecast f = (ForecastResult.Forecast) result;
            print(firstHours(f.signal()), f.fallbacks());
            return 0;
        }
    }

    /**
     * The intervals of the asked hours, from the one holding now: N hourly points for {@code --hours N} (the
     * window from now to now + N overlaps N + 1 of them whenever now is not on the hour).
     */
    private Signal firstHours(Signal s) {
        long count = Math.max(1, Duration.ofHours(hours).toMillis() / s.step().toMillis());
        List<SignalPoint> points = s.points().stream().limit(count).toList();
        return new Signal(s.zone(), s.source(), s.kind(), s.scope(), s.step(), s.generatedAt(), points);
    }

    private List<AdapterDefinition> definitions() {
        List<AdapterDefinition> all;
        try {
            all = AdapterDefinitions.load(adaptersDir);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException(e.getMessage());
        }
        if (adapter == null) {
            return all;
        }
        AdapterDefinition d = all.stream().filter(a -> a.name().equals(adapter)).findFirst()
                .orElseThrow(() -> new CliException("No adapter named '" + adapter + "' (known: "
                        + String.join(", ", all.stream().map(AdapterDefinition::name).toList()) + ")"));
        d = d.enabledCopy();
        return List.of(baseUrl == null ? d : d.withBaseUrl(baseUrl));
    }

    private void print(Signal s, List<String> fallbacks) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            try {
                out.println(ForecastJson.MAPPER.writeValueAsString(ForecastJson.of(s, fallbacks)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            out.flush();
            return;
        }
        out.printf("%s forecast from %s (%s, %s), generated %s, %d-minute steps%n", s.zone(), s.source(),
                s.kind().name().toLowerCase(Locale.ROOT), s.scope().name().toLowerCase(Locale.ROOT),
                s.generatedAt(), s.step().toMinutes());
        fallbacks.forEach(r -> out.println("  fell back: " + r));
        SignalPoint best = s.points().get(0);
        for (SignalPoint p : s.points()) {
            out.printf("  %s UTC  %7.1f g/kWh%s%n", ROW.format(p.start()), p.gPerKwh(), p.filled() ? "  (filled)" : "");
            if (p.gPerKwh() < best.gPerKwh()) {
                best = p;
            }
        }
        out.printf("Lowest: %.1f g/kWh at %s UTC%n", best.gPerKwh(), ROW.format(best.start()));
        if (s.source().startsWith("replay")) {
            // ODbL: the replayed traces are Electricity Maps data, and showing a slice of them needs the attribution.
            out.println("Data: Electricity Maps (2023 hourly, ODbL), replayed onto the present day of year; see grid-adapters/traces/README.md");
        }
        out.flush();
    }
}
