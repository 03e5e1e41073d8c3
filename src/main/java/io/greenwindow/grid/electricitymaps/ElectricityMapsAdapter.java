package io.greenwindow.grid.electricitymaps;

import com.fasterxml.jackson.databind.JsonNode;
import io.greenwindow.grid.AdapterDefinition;
import io.greenwindow.grid.EmissionScope;
import io.greenwindow.grid.GridFetchException;
import io.greenwindow.grid.Observation;
import io.greenwindow.grid.Redactor;
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
 * Electricity Maps API v3: {@code /v3/carbon-intensity/forecast} (up to 72 h), {@code /past-range} and
 * {@code /history} (last 24 h), with the token in the {@code auth-token} header. Values are average intensity,
 * life-cycle by default ({@code options.emissionFactorType: direct} for direct). A {@code carbonIntensity: null}
 * stays unknown and is filled visibly by the resampler, never read as 0.
 */
public final class ElectricityMapsAdapter extends HttpAdapter {

    public static final String KIND = "electricitymaps";
    public static final String DEFAULT_BASE_URL = "https://api.electricitymap.org";
    public static final String TOKEN_ENV = "ELECTRICITYMAPS_TOKEN";
    /** The longest horizon the forecast endpoint offers. */
    public static final int MAX_HORIZON_HOURS = 72;
    /** What {@code /history} covers. */
    static final Duration RECENT_HISTORY = Duration.ofHours(24);

    private final String token;
    private final String emissionFactorType;

    public ElectricityMapsAdapter(AdapterDefinition definition, String token, HttpSettings settings, Clock clock) {
        super(definition, DEFAULT_BASE_URL, settings, clock);
        this.token = token;
        this.emissionFactorType = definition.option("emissionFactorType", "lifecycle").toLowerCase(Locale.ROOT);
        if (!emissionFactorType.equals("lifecycle") && !emissionFactorType.equals("direct")) {
            throw new IllegalArgumentException(definition.origin() + ": options.emissionFactorType '"
                    + emissionFactorType + "' must be lifecycle or direct");
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    protected Redactor redactor() {
        return Redactor.of(List.of(token));
    }

    @Override
    public Signal forecast(String zone, Instant from, Instant to) {
        Instant now = clock.instant();
        long hours = Math.max(1, (long) Math.ceil(Duration.between(now, to).toMinutes() / 60.0));
        HttpUrl url = endpoint("forecast").addQueryParameter("zone", code(zone))
                .addQueryParameter("horizonHours", Long.toString(Math.min(MAX_HORIZON_HOURS, hours)))
                .addQueryParameter("emissionFactorType", emissionFactorType).build();
        JsonNode root = call(url, "forecast for " + zone);
        JsonNode list = root.path("forecast");
        if (!list.isArray()) {
            throw new GridFetchException(name(), "forecast for " + zone + " has no 'forecast' list");
        }
        Instant generated = root.has("updatedAt")
                ? ProviderJson.instant(name(), "updatedAt", root.get("updatedAt")) : now;
        return normalise(zone, observations(list), from, to, SignalKind.AVERAGE, scope(), generated);
    }

    /**
     * History: the last 24 hours come from {@code /history} (one request, any plan); older windows from
     * {@code /past-range}.
     */
    @Override
    public Optional<Signal> history(String zone, Instant from, Instant to) {
        Instant now = clock.instant();
        Instant end = to.isBefore(now) ? to : now;
        boolean recent = !from.isBefore(now.minus(RECENT_HISTORY));
        HttpUrl url = recent
                ? endpoint("history").addQueryParameter("zone", code(zone))
                        .addQueryParameter("emissionFactorType", emissionFactorType).build()
                : endpoint("past-range").addQueryParameter("zone", code(zone))
                        .addQueryParameter("start", from.toString()).addQueryParameter("end", end.toString())
                        .addQueryParameter("emissionFactorType", emissionFactorType).build();
        String field = recent ? "history" : "data";
        JsonNode list = call(url, "history for " + zone).path(field);
        if (!list.isArray()) {
            throw new GridFetchException(name(), "history for " + zone + " has no '" + field + "' list");
        }
        List<Observation> obs = observations(list);
        if (obs.stream().allMatch(o -> o.gPerKwh() == null)) {
            return Optional.empty();
        }
        return Optional.of(normalise(zone, obs, from, end, SignalKind.AVERAGE, scope(), null));
    }

    /** The latest published value for {@code zone}: its hour and intensity, empty when the provider has none. */
    public Optional<Observation> latest(String zone) {
        JsonNode root = call(endpoint("latest").addQueryParameter("zone", code(zone))
                .addQueryParameter("emissionFactorType", emissionFactorType).build(), "latest for " + zone);
        Double v = ProviderJson.numberOrNull(name(), "carbonIntensity", root.get("carbonIntensity"));
        if (v == null) {
            return Optional.empty();
        }
        return Optional.of(new Observation(ProviderJson.instant(name(), "datetime", root.get("datetime")),
                Duration.ofHours(1), v));
    }

    private EmissionScope scope() {
        return emissionFactorType.equals("direct") ? EmissionScope.DIRECT : EmissionScope.LIFECYCLE;
    }

    private HttpUrl.Builder endpoint(String leaf) {
        return baseUrl.newBuilder().addPathSegments("v3/carbon-intensity/" + leaf);
    }

    private JsonNode call(HttpUrl url, String what) {
        HttpReply reply = http.send(new Request.Builder().url(url).header("auth-token", token).get().build());
        if (!reply.isSuccess()) {
            throw refused(what, reply);
        }
        return ProviderJson.parse(name(), what, reply.body());
    }

    /** Each entry is the hour (or the granularity asked) starting at {@code datetime}; lengths from spacing. */
    private List<Observation> observations(JsonNode list) {
        List<Instant> starts = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (JsonNode e : list) {
            starts.add(ProviderJson.instant(name(), "datetime", e.get("datetime")));
            values.add(ProviderJson.numberOrNull(name(), "carbonIntensity", e.get("carbonIntensity")));
        }
        return Observation.fromStarts(starts, values, Duration.ofHours(1));
    }
}
