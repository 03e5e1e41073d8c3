package io.greenwindow.grid.replay;

import io.greenwindow.grid.AdapterDefinition;
import io.greenwindow.grid.EmissionScope;
import io.greenwindow.grid.GridAdapter;
import io.greenwindow.grid.GridFetchException;
import io.greenwindow.grid.Observation;
import io.greenwindow.grid.Resampler;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalKind;
import io.greenwindow.grid.SignalPoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded default: serves recorded traces (one per zone) as if they were today's grid. History is the trace
 * laid onto the present; a forecast is the trace ahead of now, up to {@code horizon}, with an optional seeded
 * error ({@code noise}: σ as a share of the trace's mean) so that planners meet forecasts that are wrong the way
 * real ones are. The error of an interval depends only on the seed, zone and interval, so a forecast asked twice
 * is the same forecast.
 */
public final class ReplayAdapter implements GridAdapter {

    public static final String KIND = "replay";
    public static final Duration DEFAULT_HORIZON = Duration.ofHours(72);

    private final AdapterDefinition definition;
    private final Path folder;
    private final Clock clock;
    private final TraceCsv.Column column;
    private final double noise;
    private final long seed;
    private final Duration horizon;
    private final Map<String, Trace> traces = new ConcurrentHashMap<>();

    /** {@code folder} holds the definition file; trace paths resolve against it (classpath folder when null). */
    public ReplayAdapter(AdapterDefinition definition, Path folder, Clock clock) {
        this.definition = definition;
        this.folder = folder;
        this.clock = clock;
        String col = definition.option("column", "lca").toUpperCase(Locale.ROOT);
        try {
            this.column = TraceCsv.Column.valueOf(col);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(definition.origin() + ": options.column '" + col.toLowerCase(Locale.ROOT)
                    + "' must be lca or direct");
        }
        this.noise = definition.option("noise", 0.0);
        if (noise < 0 || noise > 1) {
            throw new IllegalArgumentException(definition.origin() + ": options.noise " + noise + " must be between 0 and 1");
        }
        this.seed = (long) definition.option("seed", 1.0);
        this.horizon = definition.option("horizon", DEFAULT_HORIZON);
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, String> zones() {
        return definition.zones();
    }

    @Override
    public boolean remote() {
        return false;
    }

    @Override
    public Signal forecast(String zone, Instant from, Instant to) {
        Trace trace = trace(zone);
        Instant issued = Resampler.floor(clock.instant(), trace.step());
        Instant start = later(Resampler.floor(from, trace.step()), issued);
        Instant end = to.isBefore(issued.plus(horizon)) ? to : issued.plus(horizon);
        if (!start.isBefore(end)) {
            throw new GridFetchException(name(), "no forecast for " + zone + " between " + from + " and " + to
                    + ": the replay forecast reaches from " + issued + " to " + issued.plus(horizon));
        }
        double sigma = noise * trace.mean();
        List<SignalPoint> points = new ArrayList<>();
        for (Instant t = start; t.isBefore(end); t = t.plus(trace.step())) {
            double v = trace.valueFor(t);
            if (sigma > 0) {
                v = Math.max(0, v + sigma * new Random(mix(seed, zone, t)).nextGaussian());
            }
            points.add(SignalPoint.of(t, v));
        }
        return signal(zone, trace.step(), issued, points);
    }

    @Override
    public Optional<Signal> history(String zone, Instant from, Instant to) {
        Trace trace = trace(zone);
        Instant now = clock.instant();
        List<SignalPoint> points = new ArrayList<>();
        for (Instant t = Resampler.floor(from, trace.step()); t.isBefore(to) && t.isBefore(now); t = t.plus(trace.step())) {
            points.add(SignalPoint.of(t, trace.valueFor(t)));
        }
        return points.isEmpty() ? Optional.empty() : Optional.of(signal(zone, trace.step(), null, points));
    }

    private Signal signal(String zone, Duration traceStep, Instant generatedAt, List<SignalPoint> points) {
        Duration step = definition.step() == null ? traceStep : definition.step();
        if (!step.equals(traceStep)) {
            List<Observation> obs = points.stream().map(p -> new Observation(p.start(), traceStep, p.gPerKwh())).toList();
            Instant from = points.get(0).start();
            points = Resampler.resample(obs, step, from, points.get(points.size() - 1).start().plus(traceStep));
        }
        return new Signal(zone, name(), SignalKind.AVERAGE,
                column == TraceCsv.Column.LCA ? EmissionScope.LIFECYCLE : EmissionScope.DIRECT,
                step, generatedAt, points);
    }

    /** The trace of {@code zone}, read once. */
    Trace trace(String zone) {
        String file = definition.zones().get(zone);
        if (file == null) {
            throw new GridFetchException(name(), "zone " + zone + " is not served (zones: "
                    + String.join(", ", definition.zones().keySet()) + ")");
        }
        return traces.computeIfAbsent(zone, z -> load(file));
    }

    private Trace load(String file) {
        try (InputStream in = open(file)) {
            return TraceCsv.read(file, in, column);
        } catch (IOException e) {
            throw new GridFetchException(name(), "cannot read trace " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new GridFetchException(name(), "bad trace: " + e.getMessage(), e);
        }
    }

    private InputStream open(String file) throws IOException {
        Path p = Path.of(file);
        if (p.isAbsolute()) {
            return Files.newInputStream(p);
        }
        if (folder != null) {
            return Files.newInputStream(folder.resolve(file));
        }
        InputStream in = ReplayAdapter.class.getClassLoader().getResourceAsStream("grid-adapters/" + file);
        if (in == null) {
            throw new IOException("no such file on the classpath under grid-adapters/");
        }
        return in;
    }

    private static long mix(long seed, String zone, Instant t) {
        long h = seed * 0x9E3779B97F4A7C15L;
        h ^= zone.hashCode() * 0xC2B2AE3D27D4EB4FL;
        h ^= t.getEpochSecond() * 0x165667B19E3779F9L;
        return h;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
