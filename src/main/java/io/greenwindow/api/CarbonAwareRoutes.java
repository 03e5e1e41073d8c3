package io.greenwindow.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.greenwindow.grid.ForecastJson;
import io.greenwindow.grid.ForecastResult;
import io.greenwindow.grid.GridModule;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalPoint;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The Carbon Aware SDK WebAPI served from greenwindow's own signals, so that SDK clients (the carbon-intensity
 * exporter, KEDA's operator, the generated clients) can use greenwindow as their data source. Locations are our
 * zones. Differences from the SDK are listed in {@link CarbonAwareWindows} and grid-adapters/README.md.
 */
final class CarbonAwareRoutes {

    /** The SDK's forecast horizon when {@code dataEndAt} is not given. */
    static final Duration DEFAULT_HORIZON = Duration.ofHours(24);

    private final GridModule grid;

    CarbonAwareRoutes(GridModule grid) {
        this.grid = grid;
    }

    /** GET /emissions/forecasts/current?location=..&dataStartAt=..&dataEndAt=..&windowSize=minutes */
    void currentForecast(Context ctx) {
        List<String> locations = locations(ctx);
        Instant now = grid.clock().instant();
        Instant start = instant(ctx, "dataStartAt").orElse(now);
        Instant end = instant(ctx, "dataEndAt").orElse(now.plus(DEFAULT_HORIZON));
        if (!end.isAfter(start)) {
            throw new CarbonAwareProblem(400, "dataEndAt " + end + " must be after dataStartAt " + start);
        }
        Duration window = Duration.ofMinutes(intParam(ctx, "windowSize", 0));
        ArrayNode body = ForecastJson.MAPPER.createArrayNode();
        for (String location : locations) {
            // Windows that start by dataEndAt may run past it, as in the SDK; so fetch one window further.
            ForecastResult result = grid.signals().forecast(location, start, end.plus(window));
            if (result instanceof ForecastResult.Unavailable u) {
                throw new CarbonAwareProblem(503, "No forecast for " + location + ": " + u.reason());
            }
            Signal signal = ((ForecastResult.Forecast) result).signal();
            List<CarbonAwareWindows.Window> windows = CarbonAwareWindows.windows(signal, start, end, window);
            ObjectNode f = body.addObject();
            f.put("generatedAt", signal.generatedAt().toString());
            f.put("requestedAt", now.toString());
            f.put("location", location);
            f.put("dataStartAt", start.toString());
            f.put("dataEndAt", end.toString());
            f.put("windowSize", window.toMinutes());
            ArrayNode optimal = f.putArray("optimalDataPoints");
            CarbonAwareWindows.best(windows).forEach(w -> point(optimal.addObject(), location, w));
            ArrayNode data = f.putArray("forecastData");
            windows.forEach(w -> point(data.addObject(), location, w));
        }
        json(ctx, body);
    }

    /** GET /emissions/bylocations?location=..&time=..&toTime=.. : observed intensity per interval. */
    void byLocations(Context ctx) {
        json(ctx, observed(ctx));
    }

    /** GET /emissions/bylocations/best: the lowest observed interval; the earliest among equals. */
    void bestByLocations(Context ctx) {
        ArrayNode all = observed(ctx);
        ArrayNode best = ForecastJson.MAPPER.createArrayNode();
        JsonNode min = null;
        for (JsonNode n : all) {
            if (min == null || n.path("rating").asDouble() < min.path("rating").asDouble()) {
                min = n;
            }
        }
        if (min == null) {
            throw new CarbonAwareProblem(404, "No history for the asked locations and time");
        }
        best.add(min);
        json(ctx, best);
    }

    private ArrayNode observed(Context ctx) {
        List<String> locations = locations(ctx);
        Instant now = grid.clock().instant();
        Instant from = instant(ctx, "time").orElse(now.minus(Duration.ofHours(24)));
        Instant to = instant(ctx, "toTime").orElse(now);
        if (!to.isAfter(from)) {
            throw new CarbonAwareProblem(400, "toTime " + to + " must be after time " + from);
        }
        ArrayNode body = ForecastJson.MAPPER.createArrayNode();
        for (String location : locations) {
            Optional<Signal> history = grid.signals().history(location, from, to);
            history.ifPresent(h -> {
                for (SignalPoint p : h.points()) {
                    ObjectNode n = body.addObject();
                    n.put("location", location);
                    n.put("time", p.start().toString());
                    n.put("rating", p.gPerKwh());
                    n.put("duration", hms(h.step()));
                }
            });
        }
        return body;
    }

    /** GET /emissions/average-carbon-intensity?location=..&startTime=..&endTime=.. : time-weighted mean. */
    void averageIntensity(Context ctx) {
        String location = locations(ctx).get(0);
        Instant from = instant(ctx, "startTime").orElseThrow(() -> new CarbonAwareProblem(400, "startTime is required"));
        Instant to = instant(ctx, "endTime").orElseThrow(() -> new CarbonAwareProblem(400, "endTime is required"));
        if (!to.isAfter(from)) {
            throw new CarbonAwareProblem(400, "endTime " + to + " must be after startTime " + from);
        }
        Signal h = grid.signals().history(location, from, to)
                .orElseThrow(() -> new CarbonAwareProblem(404, "No history for " + location + " between " + from + " and " + to));
        Instant coveredTo = h.end().isBefore(to) ? h.end() : to;
        Instant coveredFrom = h.start().isAfter(from) ? h.start() : from;
        if (!coveredFrom.equals(from) || !coveredTo.equals(to)) {
            // The SDK averages whatever it has; we say so instead of presenting part of the window as all of it.
            throw new CarbonAwareProblem(404, "History for " + location + " covers only " + coveredFrom + " to " + coveredTo);
        }
        ObjectNode body = ForecastJson.MAPPER.createObjectNode();
        body.put("location", location);
        body.put("startTime", from.toString());
        body.put("endTime", to.toString());
        body.put("carbonIntensity", CarbonAwareWindows.mean(h, from, to));
        json(ctx, body);
    }

    private List<String> locations(Context ctx) {
        List<String> locations = ctx.queryParams("location");
        if (locations.isEmpty()) {
            throw new CarbonAwareProblem(400, "location is required (one of " + String.join(", ", grid.zones()) + ")");
        }
        for (String l : locations) {
            if (!grid.zones().contains(l)) {
                throw new CarbonAwareProblem(400, "location '" + l + "' is not served (known: " + String.join(", ", grid.zones()) + ")");
            }
        }
        return locations;
    }

    static Optional<Instant> instant(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException e) {
            throw new CarbonAwareProblem(400, name + " '" + v + "' is not an ISO-8601 date-time with offset, e.g. 2026-11-29T13:00:00Z");
        }
    }

    static int intParam(Context ctx, String name, int fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new CarbonAwareProblem(400, name + " '" + v + "' must be a whole number >= 0");
    }

    private static void point(ObjectNode n, String location, CarbonAwareWindows.Window w) {
        n.put("location", location);
        n.put("timestamp", w.start().toString());
        n.put("duration", w.length().toMinutes());
        n.put("value", w.gPerKwh());
    }

    private static String hms(Duration d) {
        return String.format("%02d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    static void json(Context ctx, Object body) {
        try {
            ctx.contentType("application/json").result(ForecastJson.MAPPER.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
