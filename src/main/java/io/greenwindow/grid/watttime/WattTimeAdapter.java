package io.greenwindow.grid.watttime;

import com.fasterxml.jackson.databind.JsonNode;
import io.greenwindow.grid.AdapterDefinition;
import io.greenwindow.grid.EmissionScope;
import io.greenwindow.grid.GridFetchException;
import io.greenwindow.grid.Observation;
import io.greenwindow.grid.Redactor;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalKind;
import io.greenwindow.grid.Units;
import io.greenwindow.grid.http.HttpAdapter;
import io.greenwindow.grid.http.HttpReply;
import io.greenwindow.grid.http.HttpSettings;
import io.greenwindow.grid.http.ProviderJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * WattTime API v3: {@code /v3/forecast}, {@code /v3/historical}, {@code /v3/forecast/historical} and
 * {@code /v3/region-from-loc}, with a bearer token from {@link WattTimeSession}. The default signal is
 * {@code co2_moer}, the marginal emissions rate, in lbs/MWh: converted to g/kWh and marked MARGINAL so that it is
 * never added to or mistaken for average intensity.
 */
public final class WattTimeAdapter extends HttpAdapter {

    public static final String KIND = "watttime";
    public static final String DEFAULT_BASE_URL = "https://api.watttime.org";
    public static final String USERNAME_ENV = "WATTTIME_USERNAME";
    public static final String PASSWORD_ENV = "WATTTIME_PASSWORD";
    public static final int MAX_HORIZON_HOURS = 72;

    private final WattTimeSession session;
    private final Redactor redactor;
    private final String signalType;

    public WattTimeAdapter(AdapterDefinition definition, String username, String password, HttpSettings settings,
                           Clock clock) {
        super(definition, DEFAULT_BASE_URL, settings, clock);
        this.session = new WattTimeSession(definition.name(), baseUrl, username, password, http, clock);
        this.redactor = Redactor.of(List.of(password));
        this.signalType = definition.option("signalType", "co2_moer");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public SignalKind signalKind() {
        return signalType.equals("co2_aoer") ? SignalKind.AVERAGE : SignalKind.MARGINAL;
    }

    @Override
    public Signal forecast(String zone, Instant from, Instant to) {
        long hours = Math.max(1, (long) Math.ceil(Duration.between(clock.instant(), to).toMinutes() / 60.0));
        JsonNode root = call(v3("forecast").addQueryParameter("region", code(zone))
                .addQueryParameter("signal_type", signalType)
                .addQueryParameter("horizon_hours", Long.toString(Math.min(MAX_HORIZON_HOURS, hours))).build(),
                "forecast for " + zone);
        JsonNode meta = root.path("meta");
        Instant generated = meta.has("generated_at")
                ? ProviderJson.instant(name(), "meta.generated_at", meta.get("generated_at")) : clock.instant();
        return normalise(zone, observations(root.path("data"), meta, "forecast"), from, to, signalKind(),
                EmissionScope.DIRECT, generated);
    }

    @Override
    public Optional<Signal> history(String zone, Instant from, Instant to) {
        Instant now = clock.instant();
        Instant end = to.isBefore(now) ? to : now;
        JsonNode root = call(v3("historical").addQueryParameter("region", code(zone))
                .addQueryParameter("start", from.toString()).addQueryParameter("end", end.toString())
                .addQueryParameter("signal_type", signalType).build(), "history for " + zone);
        List<Observation> obs = observations(root.path("data"), root.path("meta"), "historical");
        if (obs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(normalise(zone, obs, from, end, signalKind(), EmissionScope.DIRECT, null));
    }

    /** The forecasts WattTime generated between {@code start} and {@code end}, each with its generation time. */
    public List<Signal> pastForecasts(String zone, Instant start, Instant end) {
        JsonNode root = call(v3("forecast/historical").addQueryParameter("region", code(zone))
                .addQueryParameter("start", start.toString()).addQueryParameter("end", end.toString())
                .addQueryParameter("signal_type", signalType).build(), "past forecasts for " + zone);
        List<Signal> out = new ArrayList<>();
        for (JsonNode f : root.path("data")) {
            Instant generated = ProviderJson.instant(name(), "data.generated_at", f.get("generated_at"));
            List<Observation> obs = observations(f.path("forecast"), root.path("meta"), "forecast/historical");
            Instant first = obs.get(0).start();
            Instant last = obs.get(obs.size() - 1).end();
            out.add(normalise(zone, obs, first, last, signalKind(), EmissionScope.DIRECT, generated));
        }
        return out;
    }

    /** The WattTime region at a location, e.g. CAISO_NORTH; for users mapping their sites onto zones. */
    public String regionFromLocation(double latitude, double longitude) {
        JsonNode root = call(v3("region-from-loc").addQueryParameter("latitude", Double.toString(latitude))
                .addQueryParameter("longitude", Double.toString(longitude))
                .addQueryParameter("signal_type", signalType).build(), "region at " + latitude + "," + longitude);
        String region = root.path("region").asText("");
        if (region.isBlank()) {
            throw new GridFetchException(name(), "region-from-loc answered without a region");
        }
        return region;
    }

    private HttpUrl.Builder v3(String path) {
        return baseUrl.newBuilder().addPathSegment("v3").addPathSegments(path);
    }

    @Override
    protected Redactor redactor() {
        return redactor;
    }

    /** One call with the session token; a 401/403 means the token lapsed, so log in again and retry once. */
    private JsonNode call(HttpUrl url, String what) {
        HttpReply reply = send(url);
        if (reply.code() == 401 || reply.code() == 403) {
            session.invalidate();
            reply = send(url);
        }
        if (!reply.isSuccess()) {
            throw refused(what, reply);
        }
        return ProviderJson.parse(name(), what, reply.body());
    }

    private HttpReply send(HttpUrl url) {
        return http.send(new Request.Builder().url(url).header("Authorization", "Bearer " + session.token()).get().build());
    }

    private List<Observation> observations(JsonNode data, JsonNode meta, String what) {
        if (!data.isArray()) {
            throw new GridFetchException(name(), what + " has no 'data' list");
        }
        String units = meta.path("units").asText("lbs_co2_per_mwh");
        Duration period = Duration.ofSeconds(meta.path("data_point_period_seconds").asLong(300));
        List<Observation> out = new ArrayList<>();
        for (JsonNode p : data) {
            Instant t = ProviderJson.instant(name(), "point_time", p.get("point_time"));
            Double v = ProviderJson.numberOrNull(name(), "value", p.get("value"));
            out.add(new Observation(t, period, v == null ? null : toGPerKwh(v, units)));
        }
        return out;
    }

    private double toGPerKwh(double v, String units) {
        return switch (units) {
            case "lbs_co2_per_mwh" -> Units.lbsPerMwhToGPerKwh(v);
            // kg/MWh and g/kWh are the same quantity.
            case "g_co2_per_kwh", "kg_co2_per_mwh" -> v;
            default -> throw new GridFetchException(name(), "unknown units '" + units + "' in meta.units");
        };
    }
}
