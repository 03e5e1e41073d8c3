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

    /** The most locations one request may name. */
    static final int MAX_LOCATIONS = 10;
    /**
     * The most history one request may ask for, in days times locations (31 days of one location, 15 days of two):
     * bounds the answer at about 9,000 intervals of 5 minutes, whatever the range asked for.
     */
    static final int MAX_LOCATION_DAYS = 31;
    /** Forecasts reach no further than the longest any adapter gives. */
    static final Duration MAX_FORECAST = Duration.ofHours(GridApi.MAX_HOURS);

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
        if (end.isAfter(now.plus(MAX_FORECAST)) || Duration.between(start, end).compareTo(MAX_FORECAST) > 0) {
            throw new CarbonAwareProblem(400, "dataStartAt to dataEndAt must lie within the forecast horizon: at most "
                    + MAX_FORECAST.toHours() + " hours, ending by " + now.plus(MAX_FORECAST));
        }
        int windowMinutes = intParam(ctx, "windowSize", 0);
        if (windowMinutes > MAX_FORECAST.toMinutes()) {
            throw new CarbonAwareProblem(400, "windowSize " + windowMinutes + " must be at most "
                    + MAX_FORECAST.toMinutes() + " minutes (the forecast horizon)");
        }
        Duration window = Duration.ofMinutes(windowMinutes);
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
        // Bounded before any work: a century of history would be hundreds of megabytes.
        Duration most = Duration.ofDays(MAX_LOCATION_DAYS).dividedBy(locations.size());
        if (Duration.between(from, to).compareTo(most) > 0) {
            throw new CarbonAwareProblem(400, "time to toTime spans " + days(Duration.between(from, to))
                    + " days for " + locations.size() + " location(s); at most " + MAX_LOCATION_DAYS
                    + " days times locations per request (" + days(most) + " days here): ask in smaller ranges");
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
        if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_LOCATION_DAYS)) > 0) {
            throw new CarbonAwareProblem(400, "startTime to endTime spans " + days(Duration.between(from, to))
                    + " days; at most " + MAX_LOCATION_DAYS + " days per request");
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
        List<String> locations = ctx.queryParams("location").stream().distinct().toList();
        if (locations.size() > MAX_LOCATIONS) {
            throw new CarbonAwareProblem(400, "location: " + locations.size() + " locations given; at most "
                    + MAX_LOCATIONS + " per request");
        }
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

    /** Days with one decimal, for the limits' sentences. */
    private static String days(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d.toMinutes() / 1440.0);
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
