package io.greenwindow.grid;

import io.greenwindow.grid.casdk.CarbonAwareSdkAdapter;
import io.greenwindow.grid.electricitymaps.ElectricityMapsAdapter;
import io.greenwindow.grid.gb.GbCarbonIntensityAdapter;
import io.greenwindow.grid.http.HttpSettings;
import io.greenwindow.grid.replay.ReplayAdapter;
import io.greenwindow.grid.watttime.WattTimeAdapter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Builds the Java adapter for a definition's kind, with credentials from the environment. A definition that
 * cannot run (switched off, credentials missing) gives the reason instead, shown by {@code greenwindow adapters}.
 * Credentials go straight into the adapter and appear in no message.
 */
final class AdapterFactory {

    /** An adapter, or the sentence saying why there is none; {@code secrets}: the credentials it was given. */
    record Built(GridAdapter adapter, String disabledReason, List<String> secrets) {
        Built(GridAdapter adapter, String disabledReason) {
            this(adapter, disabledReason, List.of());
        }

        /** What takes this adapter's credentials out of the text it produces. */
        Redactor redactor() {
            return Redactor.of(secrets);
        }
    }

    static final String KINDS = "replay, electricitymaps, watttime, gb, carbon-aware-sdk";

    private final Path folder;
    private final Clock clock;
    private final Map<String, String> env;
    private final HttpSettings http;

    AdapterFactory(Path folder, Clock clock, Map<String, String> env, HttpSettings http) {
        this.folder = folder;
        this.clock = clock;
        this.env = env;
        this.http = http;
    }

    Built build(AdapterDefinition d) {
        if (!d.enabled()) {
            return new Built(null, "switched off in " + d.origin() + " (enabled: false)");
        }
        return switch (d.kind()) {
            case ReplayAdapter.KIND -> new Built(new ReplayAdapter(d, folder, clock), null);
            case ElectricityMapsAdapter.KIND -> {
                String token = env(ElectricityMapsAdapter.TOKEN_ENV);
                yield token == null
                        ? new Built(null, "set " + ElectricityMapsAdapter.TOKEN_ENV + " to use it")
                        : new Built(new ElectricityMapsAdapter(d, token, http, clock), null, List.of(token));
            }
            case WattTimeAdapter.KIND -> {
                String user = env(WattTimeAdapter.USERNAME_ENV);
                String password = env(WattTimeAdapter.PASSWORD_ENV);
                yield user == null || password == null
                        ? new Built(null, "set " + WattTimeAdapter.USERNAME_ENV + " and " + WattTimeAdapter.PASSWORD_ENV + " to use it")
                        : new Built(new WattTimeAdapter(d, user, password, http, clock), null, List.of(password));
            }
            case GbCarbonIntensityAdapter.KIND -> new Built(new GbCarbonIntensityAdapter(d, http, clock), null);
            case CarbonAwareSdkAdapter.KIND -> {
                String url = env(CarbonAwareSdkAdapter.URL_ENV);
                if (url == null && d.baseUrl() == null) {
                    yield new Built(null, "set " + CarbonAwareSdkAdapter.URL_ENV + " (or baseUrl) to use it");
                }
                // An explicit baseUrl (the CLI's --base-url) wins over the environment.
                AdapterDefinition located = d.baseUrl() != null ? d : d.withBaseUrl(url);
                yield new Built(new CarbonAwareSdkAdapter(located, http, clock), null);
            }
            default -> throw new IllegalArgumentException(d.origin() + ": kind '" + d.kind() + "' is not one of " + KINDS);
        };
    }

    private String env(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }
}
