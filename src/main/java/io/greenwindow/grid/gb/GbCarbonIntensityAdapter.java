package io.greenwindow.grid.gb;

import com.fasterxml.jackson.databind.JsonNode;
import io.greenwindow.grid.AdapterDefinition;
import io.greenwindow.grid.EmissionScope;
import io.greenwindow.grid.GridFetchException;
import io.greenwindow.grid.Observation;
import io.greenwindow.grid.Resampler;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalKind;
import io.greenwindow.grid.http.HttpAdapter;
import io.greenwindow.grid.http.HttpReply;
import io.greenwindow.grid.http.HttpSettings;
import io.greenwindow.grid.http.ProviderJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The GB Carbon Intensity API (NESO, no key), half-hourly {@code from}/{@code to} intervals. A zone's code is
 * {@code national}, {@code regionid:N} (1–17) or {@code postcode:RG10} (outward code). Forecasts come from
 * {@code /intensity/{from}/fw48h} or {@code /regional/intensity/{from}/fw48h/regionid|postcode/..}; history from
 * {@code /intensity/{from}/{to}} (national: the {@code actual} value, the forecast where no actual is published
 * yet) and the regional equivalents (estimates only). The API publishes no generation time, so a forecast is
 * dated by the half hour it was fetched in.
 */
public final class GbCarbonIntensityAdapter extends HttpAdapter {

    public static final String KIND = "gb";
    public static final String DEFAULT_BASE_URL = "https://api.carbonintensity.org.uk";
    private static final Duration HALF_HOUR = Duration.ofMinutes(30);
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    public GbCarbonIntensityAdapter(AdapterDefinition definition, HttpSettings settings, Clock clock) {
        super(definition, DEFAULT_BASE_URL, settings, clock);
        for (var e : definition.zones().entrySet()) {
            area(definition.origin(), e.getKey(), e.getValue());
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Signal forecast(String zone, Instant from, Instant to) {
        Instant issued = Resampler.floor(clock.instant(), HALF_HOUR);
        JsonNode rows = rows(url(zone, MINUTES.format(issued), "fw48h"), "forecast for " + zone);
        return normalise(zone, observations(rows, false), from, to, SignalKind.AVERAGE, EmissionScope.DIRECT, issued);
    }

    @Override
    public Optional<Signal> history(String zone, Instant from, Instant to) {
        Instant now = clock.instant();
        Instant end = to.isBefore(now) ? to : now;
        JsonNode rows = rows(url(zone, MINUTES.format(Resampler.floor(from, HALF_HOUR)), MINUTES.format(end)),
                "history for " + zone);
        List<Observation> obs = observations(rows, area(definition.origin(), zone, code(zone)).isNational());
        if (obs.stream().allMatch(o -> o.gPerKwh() == null)) {
            return Optional.empty();
        }
        return Optional.of(normalise(zone, obs, from, end, SignalKind.AVERAGE, EmissionScope.DIRECT, null));
    }

    private record Area(String type, String id) {
        boolean isNational() {
            return type.equals("national");
        }
    }

    private static Area area(String origin, String zone, String code) {
        if (code.equals("national")) {
            return new Area("national", "");
        }
        int colon = code.indexOf(':');
        String type = colon < 0 ? "" : code.substring(0, colon);
        String id = colon < 0 ? "" : code.substring(colon + 1).trim();
        if (type.equals("regionid") && id.matches("\\d{1,2}") && Integer.parseInt(id) >= 1 && Integer.parseInt(id) <= 17) {
            return new Area(type, id);
        }
        if (type.equals("postcode") && id.matches("[A-Za-z]{1,2}\\d[A-Za-z\\d]?")) {
            return new Area(type, id.toUpperCase(java.util.Locale.ROOT));
        }
        throw new IllegalArgumentException(origin + ": zone " + zone + " has code '" + code
                + "'; use national, regionid:1 to regionid:17, or postcode:OUTWARD (e.g. postcode:RG10)");
    }

    private HttpUrl url(String zone, String first, String second) {
        Area a = area(definition.origin(), zone, code(zone));
        HttpUrl.Builder b = baseUrl.newBuilder();
        if (a.isNational()) {
            return b.addPathSegment("intensity").addPathSegment(first).addPathSegment(second).build();
        }
        return b.addPathSegment("regional").addPathSegment("intensity").addPathSegment(first).addPathSegment(second)
                .addPathSegment(a.type()).addPathSegment(a.id()).build();
    }

    /** The list of half hours; regional answers wrap it in a region object (sometimes inside a one-item list). */
    private JsonNode rows(HttpUrl url, String what) {
        HttpReply reply = http.send(new Request.Builder().url(url).header("Accept", "application/json").get().build());
        if (!reply.isSuccess()) {
            throw refused(what, reply);
        }
        JsonNode data = ProviderJson.parse(name(), what, reply.body()).path("data");
        if (data.isArray() && data.size() == 1 && data.get(0).has("regionid")) {
            data = data.get(0);
        }
        if (data.isObject()) {
            data = data.path("data");
        }
        if (!data.isArray()) {
            throw new GridFetchException(name(), what + " has no 'data' list");
        }
        return data;
    }

    private List<Observation> observations(JsonNode rows, boolean preferActual) {
        List<Observation> out = new ArrayList<>();
        for (JsonNode r : rows) {
            Instant from = ProviderJson.instant(name(), "from", r.get("from"));
            Instant to = ProviderJson.instant(name(), "to", r.get("to"));
            if (!to.isAfter(from)) {
                throw new GridFetchException(name(), "interval " + from + " to " + to + " is empty");
            }
            JsonNode intensity = r.path("intensity");
            Double actual = preferActual ? ProviderJson.numberOrNull(name(), "intensity.actual", intensity.get("actual")) : null;
            Double value = actual != null ? actual
                    : ProviderJson.numberOrNull(name(), "intensity.forecast", intensity.get("forecast"));
            out.add(new Observation(from, Duration.between(from, to), value));
        }
        return out;
    }
}
