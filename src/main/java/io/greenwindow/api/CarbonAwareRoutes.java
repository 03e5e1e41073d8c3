package io.greenwindow.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.greenwindow.api.CarbonAwareWindows.Interval;
import io.greenwindow.grid.ForecastJson;
import io.greenwindow.grid.ForecastResult;
import io.greenwindow.grid.GridModule;
import io.greenwindow.grid.Signal;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Carbon Aware SDK WebAPI served from greenwindow's own signals, so that SDK clients (the carbon-intensity
 * exporter, KEDA's operator, the generated clients) can use greenwindow as their data source. Locations are our
 * zones. The rules follow the SDK's own source (its controllers, {@code CarbonAwareParameters},
 * {@code EmissionsForecast.Validate}, the handlers); the deliberate differences are listed in
 * grid-adapters/README.md.
 */
final class CarbonAwareRoutes {

    /** The most locations (or batch entries) one request may name. */
    static final int MAX_LOCATIONS = 10;
    /**
     * The most history one request may ask for, in days times locations (31 days of one location, 15 days of two):
     * bounds the answer at about 9,000 intervals of 5 minutes, whatever the range asked for.
     */
    static final int MAX_LOCATION_DAYS = 31;
    /** Forecasts reach no further than the longest any adapter gives. */
    static final Duration MAX_FORECAST = Duration.ofHours(GridApi.MAX_HOURS);
    /** Where the OpenAPI document of these routes lies on the class path. */
    static final String SWAGGER = "/carbon-aware/swagger.yaml";

    private final GridModule grid;

    CarbonAwareRoutes(GridModule grid) {
        this.grid = grid;
    }

    /** GET /emissions/forecasts/current?location=..&dataStartAt=..&dataEndAt=..&windowSize=minutes */
    void currentForecast(Context ctx) {
        List<String> locations = locations(ctx.queryParams("location"), "location");
        Instant now = grid.clock().instant();
        Optional<Instant> start = query(ctx, "dataStartAt");
        Optional<Instant> end = query(ctx, "dataEndAt");
        Duration window = windowSize(ctx.queryParam("windowSize"));
        checkBounds(start, end, now);
        ArrayNode body = ForecastJson.MAPPER.createArrayNode();
        for (String location : locations) {
            // The SDK asks its source for the whole current forecast, then validates the bounds against it.
            ForecastResult result = grid.signals().forecast(location, now, now.plus(MAX_FORECAST));
            if (result instanceof ForecastResult.Unavailable u) {
                throw new CarbonAwareProblem(503, "No forecast for " + location + ": " + u.reason());
            }
            forecast(body.addObject(), ((ForecastResult.Forecast) result).signal(), location, now, start, end, window);
        }
        json(ctx, body);
    }

    /**
     * POST /emissions/forecasts/batch: a JSON array of {requestedAt, location, dataStartAt?, dataEndAt?,
     * windowSize?}; each answered from the stored forecast that was the newest at {@code requestedAt}.
     */
    void batchForecasts(Context ctx) {
        ArrayNode body = ForecastJson.MAPPER.createArrayNode();
        for (JsonNode entry : batch(ctx)) {
            Map<String, List<String>> missing = new LinkedHashMap<>();
            String location = text(entry, "location");
            Optional<Instant> requestedAt = CarbonAwareDates.json("requestedAt", text(entry, "requestedAt"));
            if (location == null || location.isEmpty()) {
                missing.put("location", List.of("location is not set"));
            }
            if (requestedAt.isEmpty()) {
                missing.put("requestedAt", List.of("requestedAt is not set"));
            }
            if (!missing.isEmpty()) {
                throw CarbonAwareProblem.invalid(missing);
            }
            known(location, "location");
            Optional<Instant> start = CarbonAwareDates.json("dataStartAt", text(entry, "dataStartAt"));
            Optional<Instant> end = CarbonAwareDates.json("dataEndAt", text(entry, "dataEndAt"));
            Duration window = windowSize(text(entry, "windowSize"));
            if (start.isPresent() && end.isPresent() && !start.get().isBefore(end.get())) {
                throw CarbonAwareProblem.invalid("dataStartAt", "dataStartAt must be before dataEndAt");
            }
            Signal signal = grid.forecastKnownAt(location, requestedAt.get())
                    .orElseThrow(() -> new CarbonAwareProblem(404, "No stored forecast for " + location
                            + " was known at " + requestedAt.get()));
            forecast(body.addObject(), signal, location, requestedAt.get(), start, end, window);
        }
        json(ctx, body);
    }

    /** One EmissionsForecastDTO, after {@code ForecastHandler.ProcessAndValidateForecast}. */
    private static void forecast(ObjectNode f, Signal signal, String location, Instant requestedAt,
                                 Optional<Instant> start, Optional<Instant> end, Duration window) {
        List<Interval> data = CarbonAwareWindows.intervals(signal);
        Instant min = data.get(0).start();
        Instant max = data.get(data.size() - 1).end();
        Instant from = start.orElse(min);
        Instant to = end.orElse(max);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (!from.isBefore(to)) {
            errors.computeIfAbsent("dataStartAt", k -> new ArrayList<>()).add("dataStartAt must be earlier than dataEndAt");
        }
        String range = "within time range of the forecasted data, '" + min + "' through '" + max + "'";
        if (from.isBefore(min) || from.isAfter(max)) {
            errors.computeIfAbsent("dataStartAt", k -> new ArrayList<>()).add("dataStartAt must be " + range);
        }
        if (to.isBefore(min) || to.isAfter(max)) {
            errors.computeIfAbsent("dataEndAt", k -> new ArrayList<>()).add("dataEndAt must be " + range);
        }
        if (!errors.isEmpty()) {
            throw CarbonAwareProblem.invalid(errors);
        }
        List<Interval> windows = CarbonAwareWindows.rolling(CarbonAwareWindows.select(data, from, to), window, from, to);
        f.put("generatedAt", signal.generatedAt().toString());
        f.put("requestedAt", requestedAt.toString());
        f.put("location", location);
        // Unbounded, the SDK reports its first and last points' times (not the end of the last one).
        f.put("dataStartAt", start.orElse(windows.isEmpty() ? from : windows.get(0).start()).toString());
        f.put("dataEndAt", end.orElse(windows.isEmpty() ? to : windows.get(windows.size() - 1).start()).toString());
        f.put("windowSize", window.toMinutes());
        ArrayNode optimal = f.putArray("optimalDataPoints");
        CarbonAwareWindows.best(windows).forEach(w -> point(optimal.addObject(), location, w));
        ArrayNode forecastData = f.putArray("forecastData");
        windows.forEach(w -> point(forecastData.addObject(), location, w));
    }

    /** Our own cap: nothing asked beyond the longest forecast any adapter gives (answered before any work). */
    private static void checkBounds(Optional<Instant> start, Optional<Instant> end, Instant now) {
        if (start.isPresent() && end.isPresent() && !start.get().isBefore(end.get())) {
            throw CarbonAwareProblem.invalid("dataStartAt", "dataStartAt must be before dataEndAt");
        }
        Instant limit = now.plus(MAX_FORECAST);
        if (end.map(e -> e.isAfter(limit)).orElse(false) || start.map(s -> s.isAfter(limit)).orElse(false)) {
            throw CarbonAwareProblem.invalid(end.isPresent() ? "dataEndAt" : "dataStartAt",
                    "dataStartAt to dataEndAt must lie within the forecast horizon: at most "
                            + MAX_FORECAST.toHours() + " hours, ending by " + limit);
        }
    }

    /** GET /emissions/bylocations?location=..&time=..&toTime=.. (and /bylocation): observed intensity. */
    void byLocations(Context ctx) {
        ArrayNode all = observed(ctx);
        if (all.isEmpty()) {
            ctx.status(204);
            return;
        }
        json(ctx, all);
    }

    /** GET /emissions/bylocations/best: every observed interval with the lowest rating (ties all returned). */
    void bestByLocations(Context ctx) {
        ArrayNode all = observed(ctx);
        ArrayNode best = ForecastJson.MAPPER.createArrayNode();
        double min = Double.POSITIVE_INFINITY;
        for (JsonNode n : all) {
            min = Math.min(min, n.path("rating").asDouble());
        }
        for (JsonNode n : all) {
            if (n.path("rating").asDouble() == min) {
                best.add(n);
            }
        }
        if (best.isEmpty()) {
            ctx.status(204);
            return;
        }
        json(ctx, best);
    }

    /**
     * The intervals of every location over [time, toTime] ({@code EmissionsHandler}): without {@code time}, the
     * current instant; with {@code time} only, that instant; {@code toTime} alone is refused.
     */
    private ArrayNode observed(Context ctx) {
        List<String> locations = locations(ctx.queryParams("location"), "location");
        Optional<Instant> time = query(ctx, "time");
        Optional<Instant> toTime = query(ctx, "toTime");
        if (toTime.isPresent() && time.isEmpty()) {
            throw CarbonAwareProblem.invalid("time", "time must be defined if toTime is defined");
        }
        Instant from = time.orElse(grid.clock().instant());
        Instant to = toTime.orElse(from);
        if (toTime.isPresent() && !from.isBefore(to)) {
            throw CarbonAwareProblem.invalid("time", "time must be before toTime");
        }
        // Bounded before any work: a century of history would be hundreds of megabytes.
        Duration most = Duration.ofDays(MAX_LOCATION_DAYS).dividedBy(locations.size());
        if (Duration.between(from, to).compareTo(most) > 0) {
            throw CarbonAwareProblem.invalid("toTime", "time to toTime spans " + days(Duration.between(from, to))
                    + " days for " + locations.size() + " location(s); at most " + MAX_LOCATION_DAYS
                    + " days times locations per request (" + days(most) + " days here): ask in smaller ranges");
        }
        ArrayNode body = ForecastJson.MAPPER.createArrayNode();
        for (String location : locations) {
            // The bounds are inclusive: ask a second further so that an interval starting at toTime comes too.
            Optional<Signal> history = grid.signals().history(location, from, to.plusSeconds(1));
            history.ifPresent(h -> {
                for (Interval p : CarbonAwareWindows.select(CarbonAwareWindows.intervals(h), from, to)) {
                    ObjectNode n = body.addObject();
                    n.put("location", location);
                    n.put("time", p.start().toString());
                    n.put("rating", p.gPerKwh());
                    n.put("duration", hms(p.length()));
                }
            });
        }
        return body;
    }

    /** GET /emissions/average-carbon-intensity?location=..&startTime=..&endTime=.. : time-weighted mean. */
    void averageIntensity(Context ctx) {
        List<String> given = ctx.queryParams("location");
        String location = given.isEmpty() ? null : given.get(0);
        json(ctx, average(location, query(ctx, "startTime"), query(ctx, "endTime")));
    }

    /** POST /emissions/average-carbon-intensity/batch: a JSON array of {location, startTime, endTime}. */
    void averageIntensityBatch(Context ctx) {
        ArrayNode body = ForecastJson.MAPPER.createArrayNode();
        for (JsonNode entry : batch(ctx)) {
            body.add(average(text(entry, "location"), CarbonAwareDates.json("startTime", text(entry, "startTime")),
                    CarbonAwareDates.json("endTime", text(entry, "endTime"))));
        }
        json(ctx, body);
    }

    private ObjectNode average(String location, Optional<Instant> start, Optional<Instant> end) {
        Map<String, List<String>> missing = new LinkedHashMap<>();
        if (location == null || location.isEmpty()) {
            missing.put("location", List.of("location is not set"));
        }
        if (start.isEmpty()) {
            missing.put("startTime", List.of("startTime is not set"));
        }
        if (end.isEmpty()) {
            missing.put("endTime", List.of("endTime is not set"));
        }
        if (!missing.isEmpty()) {
            throw CarbonAwareProblem.invalid(missing);
        }
        known(location, "location");
        Instant from = start.get();
        Instant to = end.get();
        if (!from.isBefore(to)) {
            throw CarbonAwareProblem.invalid("startTime", "startTime must be before endTime");
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_LOCATION_DAYS)) > 0) {
            throw CarbonAwareProblem.invalid("endTime", "startTime to endTime spans " + days(Duration.between(from, to))
                    + " days; at most " + MAX_LOCATION_DAYS + " days per request");
        }
        double mean = grid.signals().history(location, from, to)
                .map(h -> CarbonAwareWindows.mean(h, from, to)).orElse(Double.NaN);
        if (Double.isNaN(mean)) {
            // The SDK's AverageOverPeriod: an ArgumentException, so 400 (and 0 for no data at all: we refuse that too).
            throw new CarbonAwareProblem(400, "Period out of range. Data points did not cover the requested average"
                    + " period: " + from + " through " + to);
        }
        ObjectNode body = ForecastJson.MAPPER.createObjectNode();
        body.put("location", location);
        body.put("startTime", from.toString());
        body.put("endTime", to.toString());
        body.put("carbonIntensity", mean);
        return body;
    }

    /** GET /locations: every zone by name, as the SDK's {@code Location} (we hold no coordinates). */
    void locations(Context ctx) {
        ObjectNode body = ForecastJson.MAPPER.createObjectNode();
        for (String zone : grid.zones()) {
            ObjectNode l = body.putObject(zone);
            l.putNull("latitude");
            l.putNull("longitude");
            l.put("name", zone);
        }
        if (body.isEmpty()) {
            ctx.status(204);
            return;
        }
        json(ctx, body);
    }

    /** GET /health: ASP.NET's health check answer. */
    static void health(Context ctx) {
        ctx.contentType("text/plain").result("Healthy");
    }

    /** GET /api/v1/swagger.yaml: the OpenAPI document of these routes. */
    static void swagger(Context ctx) throws IOException {
        try (InputStream in = CarbonAwareRoutes.class.getResourceAsStream(SWAGGER)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + SWAGGER + " is missing from the class path");
            }
            ctx.contentType("application/x-yaml").result(in.readAllBytes());
        }
    }

    /** A batch body: a JSON array of objects, at most {@link #MAX_LOCATIONS}. */
    private static List<JsonNode> batch(Context ctx) {
        JsonNode body;
        try {
            body = ForecastJson.MAPPER.readTree(ctx.body());
        } catch (IOException e) {
            throw CarbonAwareProblem.invalid("$", "The body is not JSON: send an array of objects");
        }
        if (body == null || !body.isArray()) {
            throw CarbonAwareProblem.invalid("$", "The body must be a JSON array of objects");
        }
        if (body.size() > MAX_LOCATIONS) {
            throw CarbonAwareProblem.invalid("$", body.size() + " entries given; at most " + MAX_LOCATIONS + " per request");
        }
        List<JsonNode> entries = new ArrayList<>();
        body.forEach(entries::add);
        for (JsonNode e : entries) {
            if (!e.isObject()) {
                throw CarbonAwareProblem.invalid("$", "Every entry of the body must be a JSON object");
            }
        }
        return entries;
    }

    private static String text(JsonNode entry, String field) {
        JsonNode v = entry.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The named locations: empty entries dropped (as the SDK does), duplicates once, each one we serve. */
    private List<String> locations(List<String> given, String name) {
        List<String> locations = given.stream().filter(l -> l != null && !l.isEmpty()).distinct().toList();
        if (locations.size() > MAX_LOCATIONS) {
            throw CarbonAwareProblem.invalid(name, name + ": " + locations.size() + " locations given; at most "
                    + MAX_LOCATIONS + " per request");
        }
        if (locations.isEmpty()) {
            throw CarbonAwareProblem.invalid(name, name + " is not set (one of " + String.join(", ", grid.zones()) + ")");
        }
        locations.forEach(l -> known(l, name));
        return locations;
    }

    private void known(String location, String name) {
        if (!grid.zones().contains(location)) {
            throw CarbonAwareProblem.invalid(name, "location '" + location + "' is not served (known: "
                    + String.join(", ", grid.zones()) + ")");
        }
    }

    private static Optional<Instant> query(Context ctx, String name) {
        return CarbonAwareDates.query(name, ctx.queryParam(name));
    }

    /** windowSize in minutes: none is 0 (the data's own intervals); at most the forecast horizon. */
    private static Duration windowSize(String v) {
        if (v == null || v.isBlank()) {
            return Duration.ZERO;
        }
        int minutes;
        try {
            minutes = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw CarbonAwareProblem.invalid("windowSize", "windowSize '" + v + "' must be a whole number of minutes >= 0");
        }
        if (minutes < 0) {
            throw CarbonAwareProblem.invalid("windowSize", "windowSize '" + v + "' must be a whole number of minutes >= 0");
        }
        if (minutes > MAX_FORECAST.toMinutes()) {
            throw CarbonAwareProblem.invalid("windowSize", "windowSize " + minutes + " must be at most "
                    + MAX_FORECAST.toMinutes() + " minutes (the forecast horizon)");
        }
        return Duration.ofMinutes(minutes);
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
        throw CarbonAwareProblem.invalid(name, name + " '" + v + "' must be a whole number >= 0");
    }

    private static void point(ObjectNode n, String location, Interval w) {
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
