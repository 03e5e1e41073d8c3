package io.greenwindow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.api.GridApi;
import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.grid.GridModule;
import io.greenwindow.grid.SettableClock;
import io.greenwindow.grid.AdapterDefinition;
import io.greenwindow.grid.TestDefinitions;
import io.greenwindow.grid.http.ProviderServer;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `greenwindow adapters` against a real server with the grid routes. */
class AdaptersCommandTest {

    @Test
    void adapters_runningService_listsHealthAndWhatToSet() {
        try (Database db = TestDatabases.h2();
             GridModule grid = GridModule.create(db, SettableClock.at("2026-11-29T13:20:00Z"), null, Map.of())) {
            Javalin app = Javalin.create(config -> GridApi.register(config.routes, grid)).start(0);
            try {
                StringWriter out = new StringWriter();
                CommandLine cmd = new CommandLine(new AdaptersCommand());
                cmd.setOut(new PrintWriter(out, true));
                assertThat(cmd.execute("--server", "http://localhost:" + app.port())).isZero();
                String text = out.toString();
                assertThat(text).contains("NAME").contains("HEALTH");
                assertThat(text.lines().filter(l -> l.startsWith("replay ")).findFirst().orElseThrow())
                        .contains("UP").contains("DE,GB,US-CAL-CISO,US-MIDA-PJM");
                assertThat(text.lines().filter(l -> l.startsWith("electricitymaps ")).findFirst().orElseThrow())
                        .contains("DISABLED").contains("set ELECTRICITYMAPS_TOKEN to use it").contains("0/1000");

                StringWriter json = new StringWriter();
                CommandLine j = new CommandLine(new AdaptersCommand());
                j.setOut(new PrintWriter(json, true));
                assertThat(j.execute("--server", "http://localhost:" + app.port(), "--json")).isZero();
                assertThat(json.toString()).startsWith("[{\"name\":\"watttime\"");
            } finally {
                app.stop();
            }
        }
    }

    @RegisterExtension
    final ProviderServer provider = new ProviderServer();

    @Test
    void adapters_providerThatAskedForAnHour_showsTheOpenCircuitAndTheRetryAfter() {
        provider.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").body("").build());
        AdapterDefinition em = TestDefinitions.yaml("""
                name: electricitymaps
                kind: electricitymaps
                baseUrl: %s
                zones: [DE]
                options:
                  breakerFailures: 1
                  breakerCoolDown: PT30M
                """.formatted(provider.baseUrl()));
        try (Database db = TestDatabases.h2();
             GridModule grid = GridModule.create(db, SettableClock.at("2026-11-29T13:20:00Z"), List.of(em),
                     Path.of("grid-adapters"), Map.of("ELECTRICITYMAPS_TOKEN", "tok"), provider.settings())) {
            grid.refreshDue();
            Javalin app = Javalin.create(config -> GridApi.register(config.routes, grid)).start(0);
            try {
                StringWriter out = new StringWriter();
                CommandLine cmd = new CommandLine(new AdaptersCommand());
                cmd.setOut(new PrintWriter(out, true));
                assertThat(cmd.execute("--server", "http://localhost:" + app.port())).isZero();
                assertThat(out.toString()).contains("circuit OPEN until 2026-11-29T13:50:00Z")
                        .contains("no call before 2026-11-29T14:20:00Z (the provider's Retry-After)");
            } finally {
                app.stop();
            }
        }
    }

    @Test
    void adapters_noService_saysHowToStartIt() {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new AdaptersCommand());
        cmd.setErr(new PrintWriter(err, true));
        cmd.setExecutionExceptionHandler((e, c, parsed) -> {
            c.getErr().println(e.getMessage());
            return 1;
        });
        assertThat(cmd.execute("--server", "http://localhost:1")).isEqualTo(1);
        assertThat(err.toString()).contains("Cannot reach the greenwindow service at http://localhost:1");
    }
}
