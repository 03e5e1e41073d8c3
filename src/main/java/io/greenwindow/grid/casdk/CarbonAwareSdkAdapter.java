package io.greenwindow.grid.casdk;

import com.fasterxml.jackson.databind.JsonNode;
import io.greenwindow.grid.AdapterDefinition;
import io.greenwindow.grid.EmissionScope;
import io.greenwindow.grid.GridFetchException;
import io.greenwindow.grid.Observation;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalKind;
import io.greenwindow.grid.http.HttpAdapter;
import io.greenwindow.grid.http.HttpReply;
import io.greenwindow.grid.http.HttpSettings;
import io.greenwindow.grid.http.ProviderJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * A Carbon Aware SDK WebAPI as a source: {@code /emissions/forecasts/current} (its {@code forecastData}, asked
 * without a window so each point is the source's own interval) and {@code /emissions/bylocations} for history.
 * The SDK does not say whether its source is average (Electricity Maps) or marginal (WattTime), so the
 * definition says it ({@code options.signal}, average by default).
 */
public final class CarbonAwareSdkAdapter extends HttpAdapter {

    public static final String KIND = "carbon-aware-sdk";
    public static final String URL_ENV = "CARBON_AWARE_SDK_URL";

    private final SignalKind signalKind;

    public CarbonAwareSdkAdapter(AdapterDefinition definition, HttpSettings settings, Clock clock) {
        super(definition, "http://localhost:8080", settings, clock);
        String s = definition.option("signal", "average").toUpperCase(Locale.ROOT);
        try {
            this.signalKind = SignalKind.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(definition.origin() + ": options.signal '" + s.toLowerCase(Locale.ROOT)
                    + "' must be average or marginal");
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public SignalKind signalKind() {
        return signalKind;
    }

    @Override
    public Signal forecast(String zone, Instant from, Instant to) {
        Instant now = clock.instant();
        HttpUrl url = baseUrl.newBuilder().addPathSegments("emissions/forecasts/current")
                .addQueryParameter("location", code(zone))
                .addQueryParameter("dataStartAt", (from.isAfter(now) ? from : now).toString())
                .addQueryParameter("dataEndAt", to.toString()).build();
        JsonNode root = call(url, "forecast for " + zone);
        if (!root.isArray() || root.isEmpty()) {
            throw new GridFetchException(name(), "forecast for " + zone + " is not a non-empty list of forecasts");
        }
        JsonNode f = root.get(0);
        Instant generated = f.has("generatedAt") && !f.get("generatedAt").isNull()
                ? ProviderJson.instant(name(), "generatedAt", f.get("generatedAt")) : now;
        List<Observation> obs = new ArrayList<>();
        for (JsonNode p : f.path("forecastData")) {
            Instant t = ProviderJson.instant(name(), "forecastData.timestamp", p.get("timestamp"));
            long minutes = p.path("duration").asLong(0);
            if (minutes <= 0) {
                throw new GridFetchException(name(), "forecastData.duration " + p.path("duration") + " at " + t
                        + " must be a positive number of minutes");
            }
            obs.add(new Observation(t, Duration.ofMinutes(minutes), value(p.get("value"), "forecastData.value")));
        }
        return normalise(zone, obs, from, to, signalKind, EmissionScope.DIRECT, generated);
    }

    @Override
    public Optional<Signal> history(String zone, Instant from, Instant to) {
        Instant now = clock.instant();
        Instant end = to.isBefore(now) ? to : now;
        HttpUrl url = baseUrl.newBuilder().addPathSegments("emissions/bylocations")
                .addQueryParameter("location", code(zone))
                .addQueryParameter("time", from.toString()).addQueryParameter("toTime", end.toString()).build();
        JsonNode root = call(url, "history for " + zone);
        if (!root.isArray()) {
            throw new GridFetchException(name(), "history for " + zone + " is not a list");
        }
        List<Observation> obs = new ArrayList<>();
        for (JsonNode e : root) {
            Instant t = ProviderJson.instant(name(), "time", e.get("time"));
            obs.add(new Observation(t, timeSpan(e.path("duration").asText("")), value(e.get("rating"), "rating")));
        }
        if (obs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(normalise(zone, obs, from, end, signalKind, EmissionScope.DIRECT, null));
    }

    /** The SDK reports a missing value as -1 (or null); both mean unknown here. */
    private Double value(JsonNode n, String field) {
        if (n != null && n.isNumber() && n.asDouble() < 0) {
            return null;
        }
        return ProviderJson.numberOrNull(name(), field, n);
    }

    /** A .NET TimeSpan as the SDK writes it: {@code HH:mm:ss} or {@code d.HH:mm:ss}. */
    private Duration timeSpan(String s) {
        String[] dayAndTime = s.split("\\.", 2);
        String time = dayAndTime.length == 2 && !dayAndTime[0].contains(":") ? dayAndTime[1] : s;
        long days = dayAndTime.length == 2 && !dayAndTime[0].contains(":") ? Long.parseLong(dayAndTime[0]) : 0;
        String[] hms = time.split(":");
        try {
            Duration d = Duration.ofDays(days).plusHours(Long.parseLong(hms[0])).plusMinutes(Long.parseLong(hms[1]))
                    .plusSeconds((long) Double.parseDouble(hms[2]));
            if (!d.isZero() && !d.isNegative()) {
                return d;
            }
        } catch (RuntimeException ignored) {
            // reported below
        }
        throw new GridFetchException(name(), "duration '" + s + "' is not a positive HH:mm:ss time span");
    }

    private JsonNode call(HttpUrl url, String what) {
        HttpReply reply = http.send(new Request.Builder().url(url).header("Accept", "application/json").get().build());
        if (!reply.isSuccess()) {
            throw refused(what, reply);
        }
        return ProviderJson.parse(name(), what, reply.body());
    }
}
