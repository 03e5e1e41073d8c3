package io.greenwindow.cli;

import static io.greenwindow.grid.http.ProviderFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.grid.SettableClock;
import io.greenwindow.grid.http.ProviderServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

class ForecastCommandTest {

    private final SettableClock clock = SettableClock.at("2026-11-29T13:20:00Z");
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    @RegisterExtension
    final ProviderServer server = new ProviderServer();

    @Test
    void forecast_electricityMapsAtBaseUrl_printsTheExactJsonShape() throws Exception {
        server.enqueue(json(200, "electricitymaps/de-2026-11-29-forecast.json"));

        int code = run(Map.of("ELECTRICITYMAPS_TOKEN", "tok"), "--zone", "DE", "--adapter", "electricitymaps",
                "--base-url", server.baseUrl(), "--json", "--hours", "3");

        assertThat(code).isZero();
        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v3/carbon-intensity/forecast");
        assertThat(r.getHeaders().get("auth-token")).isEqualTo("tok");
        JsonNode j = new ObjectMapper().readTree(out.toString());
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("zone", "adapter", "kind", "generatedAt", "points");
        assertThat(j.path("zone").asText()).isEqualTo("DE");
        assertThat(j.path("adapter").asText()).isEqualTo("electricitymaps");
        assertThat(j.path("kind").asText()).isEqualTo("average");
        assertThat(j.path("generatedAt").asText()).isEqualTo("2026-11-29T13:04:37Z");
        // --hours 3 at 13:20: the hourly intervals 13:00, 14:00 and 15:00, three points (not the four the
        // window 13:20-16:20 overlaps).
        assertThat(j.path("points")).hasSize(3);
        assertThat(j.path("points").get(0).toString())
                .isEqualTo("{\"start\":\"2026-11-29T13:00:00Z\",\"minutes\":60,\"gPerKwh\":412.0}");
    }

    @Test
    void forecast_embeddedDefault_printsAReadableTableFromReplay() {
        int code = run(Map.of(), "--zone", "GB", "--hours", "2");
        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("GB forecast from replay (average, lifecycle), generated 2026-11-29T13:00:00Z")
                .contains("2026-11-29 13:00 UTC").contains("2026-11-29 14:00 UTC").doesNotContain("2026-11-29 15:00 UTC")
                .contains("Lowest:");
        assertThat(out.toString().lines().filter(l -> l.endsWith("g/kWh"))).hasSize(2);
    }

    @Test
    void forecast_adapterWithoutCredentials_saysWhatToSet() {
        int code = run(Map.of(), "--zone", "DE", "--adapter", "electricitymaps");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("Adapter electricitymaps cannot run: set ELECTRICITYMAPS_TOKEN to use it");
    }

    @Test
    void forecast_unknownAdapterOrZone_namesTheKnownOnes() {
        assertThat(run(Map.of(), "--zone", "DE", "--adapter", "nope")).isEqualTo(1);
        assertThat(err.toString()).contains("No adapter named 'nope'").contains("replay");
        assertThat(run(Map.of(), "--zone", "FR")).isEqualTo(1);
        assertThat(err.toString()).contains("Zone 'FR' is not served").contains("DE, GB");
    }

    @Test
    void forecast_providerFails_reportsTheReasonAsOneSentence() {
        server.enqueue(json(401, "electricitymaps/invalid-token.json"));
        int code = run(Map.of("ELECTRICITYMAPS_TOKEN", "bad"), "--zone", "DE", "--adapter", "electricitymaps",
                "--base-url", server.baseUrl());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("No forecast for DE: no usable forecast: electricitymaps: forecast for DE"
                + " refused the credentials (HTTP 401: Invalid auth-token)");
    }

    @Test
    void forecast_providerEchoesTheKey_printsTheReasonWithoutIt() {
        server.enqueue(json(401, "electricitymaps/invalid-token-echoed.json"));
        int code = run(Map.of("ELECTRICITYMAPS_TOKEN", "em-secret-token-4711"), "--zone", "DE", "--adapter",
                "electricitymaps", "--base-url", server.baseUrl());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("refused the credentials").doesNotContain("em-secret-token-4711");
        assertThat(out.toString()).doesNotContain("em-secret-token-4711");
    }

    @Test
    void forecast_baseUrlWithoutAdapter_isRefused() {
        assertThat(run(Map.of(), "--zone", "DE", "--base-url", "http://x")).isEqualTo(1);
        assertThat(err.toString()).contains("--base-url needs --adapter");
    }

    private int run(Map<String, String> env, String... args) {
        CommandLine cmd = new CommandLine(new ForecastCommand(env, clock));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        // As Main does: a CliException is one sentence and exit code 1.
        cmd.setExecutionExceptionHandler((e, c, parsed) -> {
            c.getErr().println(e.getMessage());
            return 1;
        });
        return cmd.execute(args);
    }
}
