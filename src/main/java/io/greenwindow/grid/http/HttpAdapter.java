package io.greenwindow.grid.http;

import io.greenwindow.grid.AdapterDefinition;
import io.greenwindow.grid.EmissionScope;
import io.greenwindow.grid.GridAdapter;
import io.greenwindow.grid.GridFetchException;
import io.greenwindow.grid.Observation;
import io.greenwindow.grid.Redactor;
import io.greenwindow.grid.Resampler;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalKind;
import io.greenwindow.grid.SignalPoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/** What every provider adapter shares: its definition, its HTTP caller and budget, and normalisation. */
public abstract class HttpAdapter implements GridAdapter {

    protected final AdapterDefinition definition;
    protected final ProviderHttp http;
    protected final Clock clock;
    protected final HttpUrl baseUrl;

    protected HttpAdapter(AdapterDefinition definition, String defaultBaseUrl, HttpSettings settings, Clock clock) {
        this.definition = definition;
        this.clock = clock;
        String url = definition.baseUrl() == null ? defaultBaseUrl : definition.baseUrl();
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            throw new IllegalArgumentException(definition.origin() + ": baseUrl '" + url + "' is not an http(s) URL");
        }
        this.baseUrl = parsed;
        Duration timeout = definition.option("timeout", (Duration) null);
        this.http = new ProviderHttp(definition.name(), settings, timeout,
                new RequestBudget(definition.name(), definition.requestBudget(), definition.budgetPeriod(), clock,
                        settings.requestCounts()), clock);
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public Map<String, String> zones() {
        return definition.zones();
    }

    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public long requestsUsed() {
        return http.budget().used();
    }

    @Override
    public long requestBudget() {
        return http.budget().limit();
    }

    /** The provider's code for {@code zone}, or a failure naming the zones this adapter serves. */
    protected String code(String zone) {
        String code = definition.zones().get(zone);
        if (code == null) {
            throw new GridFetchException(name(), "zone " + zone + " is not served (zones: "
                    + String.join(", ", definition.zones().keySet()) + ")");
        }
        return code;
    }

    /** Resamples onto the definition's step (or the provider's own) and builds the signal, failing when empty. */
    protected Signal normalise(String zone, List<Observation> observations, Instant from, Instant to,
                               SignalKind kind, EmissionScope scope, Instant generatedAt) {
        Duration step = definition.step() == null ? Resampler.nativeStep(observations) : definition.step();
        List<SignalPoint> points = Resampler.resample(observations, step, from, to);
        if (points.isEmpty()) {
            throw new GridFetchException(name(), "no usable values for " + zone + " between " + from + " and " + to
                    + " (" + observations.size() + " intervals, all missing or outside)");
        }
        return new Signal(zone, name(), kind, scope, step, generatedAt, points);
    }

    /** What takes this adapter's credentials out of a provider's words; adapters with a key add it. */
    protected Redactor redactor() {
        return Redactor.patterns();
    }

    /** A 401/403/404/400 answer as a sentence with the provider's own message. */
    protected GridFetchException refused(String what, HttpReply reply) {
        // A provider's own message may echo what it was sent (a key, a token): keep the words, not the secrets.
        String msg = redactor().redact(ProviderJson.errorMessage(reply.body()));
        String meaning = switch (reply.code()) {
            case 401, 403 -> "refused the credentials";
            case 404 -> "does not know this";
            default -> "rejected the request";
        };
        return new GridFetchException(name(), what + " " + meaning + " (HTTP " + reply.code()
                + (msg.isEmpty() ? "" : ": " + msg) + ")");
    }
}
