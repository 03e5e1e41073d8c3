package io.greenwindow.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.grid.AdapterDefinition;
import io.greenwindow.grid.AdapterDefinitions;
import io.greenwindow.grid.GridModule;
import io.greenwindow.grid.SettableClock;
import io.greenwindow.grid.http.ProviderFixtures;
import io.greenwindow.grid.http.ProviderServer;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: a provider's 401 whose body echoes the key (in its message, a URL and a header) leaves no trace of the
 * key in {@code /api/adapters}, {@code /api/forecast}, the stored health row or the log.
 */
class ProviderSecretRedactionTest {

    private static final String KEY = "em-secret-token-4711";
    private final SettableClock clock = SettableClock.at("2026-11-29T13:20:00Z");
    @RegisterExtension
    final ProviderServer server = new ProviderServer();
    @TempDir
    Path dir;

    @Test
    void providerEchoesTheKey_noTraceInTheApiTheDatabaseOrTheLog() throws Exception {
        server.enqueue(ProviderFixtures.json(401, "electricitymaps/invalid-token-echoed.json"));
        assertThat(ProviderFixtures.fixture("electricitymaps/invalid-token-echoed.json")).contains(KEY);
        Files.writeString(dir.resolve("electricitymaps.yaml"), """
                name: electricitymaps
                kind: electricitymaps
                priority: 20
                baseUrl: %s
                zones: [DE]
                """.formatted(server.baseUrl()));
        Files.writeString(dir.resolve("replay.yaml"), """
                name: replay
                kind: replay
                zones:
                  DE: %s
                """.formatted(Path.of("grid-adapters/traces/DE_2023_hourly.csv").toAbsolutePath()));
        List<AdapterDefinition> definitions = AdapterDefinitions.load(dir);
        PrintStream realErr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Database db = TestDatabases.h2();
             GridModule grid = GridModule.create(db, clock, definitions, dir, Map.of("ELECTRICITYMAPS_TOKEN", KEY),
                     server.settings())) {
            Javalin app = Javalin.create(config -> GridApi.register(config.routes, grid)).start(0);
            String adapters;
            String forecast;
            try {
                // slf4j-simple writes to System.err as it is at each line
                System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
                grid.refreshDue();
                adapters = get(app.port(), "/api/adapters");
                forecast = get(app.port(), "/api/forecast?zone=DE&hours=3");
            } finally {
                System.setErr(realErr);
                app.stop();
            }
            assertThat(server.takeRequest().getHeaders().get("auth-token")).as("the key was sent").isEqualTo(KEY);

            assertThat(adapters).contains("refused the credentials").doesNotContain(KEY);
            assertThat(forecast).contains("refused the credentials").doesNotContain(KEY);
            List<String> rows = new Jdbc(db.dataSource()).query("SELECT * FROM grid_adapter_health", rs -> {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.append(rs.getString(i)).append(' ');
                }
                return row.toString();
            });
            assertThat(rows).anySatisfy(r -> assertThat(r).contains("refused the credentials"));
            assertThat(rows).allSatisfy(r -> assertThat(r).doesNotContain(KEY));
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("refused the credentials").doesNotContain(KEY);
    }

    private static String get(int port, String path) throws Exception {
        try (Response r = new OkHttpClient().newCall(new Request.Builder().url("http://localhost:" + port + path).build())
                .execute()) {
            return r.body().string();
        }
    }
}
